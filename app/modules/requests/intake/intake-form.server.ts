import type { z } from 'zod';
import { groupEntries, parseObject, type FieldErrors, type FormResult } from '~/lib/forms';
import { neighborhoodExists } from '~/modules/places/queries.server';
import type { Answers } from '../answers';
import { parseAnswers } from './intake-schemas';
import { getVersionFields, type IntakeType } from './intake-queries.server';

/**
 * Reading an intake form, shared by the resident's form and staff recording on someone's behalf:
 * the fixed fields through the given schema, the answers against the field version the form
 * showed (versions never change), and the neighborhood checked to exist. Errors are keyed by the
 * posted names, so the form can show them beside each field.
 */
export type IntakeValues = Record<string, string | string[]>;

type Fixed = { version?: number; neighborhoodId?: string };

export async function parseIntakeForm<S extends z.ZodType<Fixed, z.ZodTypeDef, unknown>>(formData: FormData, type: IntakeType, schema: S, keys: readonly string[]) {
  const raw: Record<string, unknown> = {};
  for (const key of keys) {
    const v = formData.get(key);
    if (typeof v === 'string') raw[key] = v;
  }
  const form: FormResult<z.output<S>> = parseObject(schema, raw);
  const postedVersion = form.ok && form.data.version ? form.data.version : type.currentVersion;
  const versionFields = postedVersion === type.currentVersion ? type.fields : await getVersionFields(type.id, postedVersion);
  const version = versionFields ? postedVersion : type.currentVersion;
  const fields = versionFields ?? type.fields;
  const parsedAnswers = parseAnswers(formData, fields);
  const errors: FieldErrors = { ...(form.ok ? {} : form.errors), ...(parsedAnswers.ok ? {} : parsedAnswers.errors) };
  if (form.ok && form.data.neighborhoodId && !(await neighborhoodExists(form.data.neighborhoodId))) errors.neighborhoodId = ['forms:choose'];
  const answers: Answers | null = parsedAnswers.ok ? parsedAnswers.answers : null;
  return { form, version, answers, errors };
}

/** Everything typed comes back on error; files cannot be (the browser must pick them again). */
export function keptValues(formData: FormData): IntakeValues {
  const values: IntakeValues = {};
  for (const [key, value] of Object.entries(groupEntries(formData.entries()))) {
    if (/csrf|website|form_started/.test(key)) continue;
    const all = (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
    values[key] = key.startsWith('a.') && all.length > 1 ? all : all[0] ?? '';
  }
  return values;
}
