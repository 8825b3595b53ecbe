import { db } from '~/lib/db.server';
import { foldText } from '~/lib/text';
import type { LocalizedText } from '~/lib/i18n';
import { localized } from '~/lib/i18n';
import type { GuessCandidate } from '~/modules/requests/forum-links/type-guess.server';
import { parseFieldSet, REQUEST_GROUPS, type FieldSet, type RequestGroup } from '~/modules/requests/catalog/schemas';

/** Reads for filing a request: the type picker, the intake form's type and fields, the caller's account. */

/**
 * Active types for the picker, grouped by their heading in the catalog's group order and sorted by
 * name in the reader's language. `q` matches names and keywords in any language and the
 * description in the reader's language (accents and case ignored); a city has tens of types, so it
 * runs over the rows.
 * `departments` narrows it to the types a liaison may record.
 */
export async function listPickerTypes(lng: string, q?: string, departments: 'all' | string[] = 'all') {
  const rows = await db().requestType.findMany({
    where: { active: true, ...(departments === 'all' ? {} : { departmentId: { in: departments } }) },
    select: { code: true, name: true, description: true, group: true, keywords: true },
  });
  const needle = q ? foldText(q) : null;
  const types = rows
    .map((r) => ({
      code: r.code,
      group: r.group as RequestGroup,
      name: localized(r.name, lng),
      description: localized(r.description, lng),
      names: [...textsOf(r.name), ...textsOf(r.keywords)],
    }))
    .filter(
      (r) =>
        !needle ||
        r.names.some((n) => foldText(n).includes(needle)) ||
        foldText(r.description.text).includes(needle) ||
        r.code.includes(needle),
    )
    .sort((a, b) => a.name.text.localeCompare(b.name.text, lng));
  return REQUEST_GROUPS.map((group) => ({
    group,
    types: types.filter((t) => t.group === group).map(({ names: _n, ...t }) => t),
  })).filter((g) => g.types.length > 0);
}

/**
 * Active types as candidates for guessing a promoted post's type (names in every language). The
 * catch-all `other` type is never a guess: a post saying "other" says nothing about its type.
 */
export async function typeGuessCandidates(): Promise<GuessCandidate[]> {
  const rows = await db().requestType.findMany({
    where: { active: true, code: { not: 'other' } },
    select: { code: true, name: true, keywords: true },
  });
  return rows.map((r) => ({ code: r.code, names: r.name as LocalizedText, keywords: (r.keywords ?? {}) as LocalizedText }));
}

/** The texts of a stored localized value (null: none). */
function textsOf(value: unknown): string[] {
  return Object.values((value ?? {}) as LocalizedText).filter((n): n is string => typeof n === 'string');
}

/** An active type's intake settings with its current fields, or null. */
export async function getIntakeType(code: string) {
  const type = await db().requestType.findUnique({
    where: { code },
    select: {
      id: true,
      code: true,
      name: true,
      description: true,
      departmentId: true,
      defaultPriority: true,
      targetHours: true,
      locationRequired: true,
      photosAllowed: true,
      active: true,
      currentVersion: true,
    },
  });
  if (!type || !type.active) return null;
  const version = await db().requestTypeVersion.findUnique({
    where: { typeId_version: { typeId: type.id, version: type.currentVersion } },
    select: { fields: true },
  });
  return {
    ...type,
    name: type.name as LocalizedText,
    description: type.description as LocalizedText,
    fields: parseFieldSet(version?.fields ?? []),
  };
}
export type IntakeType = NonNullable<Awaited<ReturnType<typeof getIntakeType>>>;

/** The fields of one version of a type (a form may post the version it showed), or null. */
export async function getVersionFields(typeId: string, version: number): Promise<FieldSet | null> {
  const row = await db().requestTypeVersion.findUnique({ where: { typeId_version: { typeId, version } }, select: { fields: true } });
  return row ? parseFieldSet(row.fields) : null;
}

/**
 * The caller's own account, found by an e-mail address its owner has verified (so a typo or an
 * unverified sign-up never hands a request to someone else); banned and deleted accounts excluded.
 */
export async function accountByVerifiedEmail(email: string) {
  return db().user.findFirst({
    where: { email, emailVerifiedAt: { not: null }, status: { in: ['active', 'suspended'] } },
    select: { id: true },
  });
}
