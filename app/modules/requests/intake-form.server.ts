import { parseObject, type FieldErrors } from '~/lib/forms';
import { neighborhoodExists } from '~/modules/places/queries.server';
import { answersSchema, type Answers } from './answers';
import type { FieldSet } from './catalog-schemas';
import { answerName, intakeSchema, rawAnswers, type IntakeInput } from './intake-schemas';
import { getVersionFields, type IntakeType } from './request-queries.server';

/**
 * The intake form's fixed fields and the type's answers, read from a posted form: shared by the
 * resident's form and the promote page. Answers are checked against the field version the form
 * showed (versions never change). Errors are field-keyed message keys, ready for the form.
 */
export type ParsedIntake =
  | { ok: true; form: IntakeInput; answers: Answers; version: number; errors: FieldErrors }
  | { ok: false; errors: FieldErrors };

const FIXED = ['description', 'address', 'latitude', 'longitude', 'neighborhoodId', 'anonymous', 'contactName', 'contactEmail', 'contactPhone', 'version', 'submissionKey'];

export async function parseIntakeForm(formData: FormData, type: IntakeType, options: { pointCounts?: boolean } = {}): Promise<ParsedIntake> {
  const raw: Record<string, unknown> = {};
  for (const key of FIXED) {
    const v = formData.get(key);
    if (typeof v === 'string') raw[key] = v;
  }
  const form = parseObject(intakeSchema({ locationRequired: type.locationRequired, pointCounts: options.pointCounts }), raw);
  const postedVersion = form.ok && form.data.version ? form.data.version : type.currentVersion;
  const versionFields: FieldSet | null = postedVersion === type.currentVersion ? type.fields : await getVersionFields(type.id, postedVersion);
  const version = versionFields ? postedVersion : type.currentVersion;
  const answers = answersSchema(versionFields ?? type.fields).safeParse(rawAnswers(formData, versionFields ?? type.fields));

  const errors: FieldErrors = form.ok ? {} : { ...form.errors };
  if (!answers.success) {
    for (const issue of answers.error.issues) (errors[answerName(String(issue.path[0]))] ??= []).push(issue.message);
  }
  if (form.ok && form.data.neighborhoodId && !(await neighborhoodExists(form.data.neighborhoodId))) errors.neighborhoodId = ['forms:choose'];
  if (!form.ok || !answers.success) return { ok: false, errors };
  return { ok: true, form: form.data, answers: answers.data, version, errors };
}

type Values = Record<string, string | string[]>;

/** Everything typed comes back on error (files cannot: the browser must pick them again). */
export function keptValues(formData: FormData): Values {
  const values: Values = {};
  for (const key of new Set(formData.keys())) {
    if (/csrf|website|form_started/.test(key)) continue;
    const all = formData.getAll(key).filter((v): v is string => typeof v === 'string');
    values[key] = key.startsWith('a.') && all.length > 1 ? all : all[0] ?? '';
  }
  return values;
}
