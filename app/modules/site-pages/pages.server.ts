import type { Caller } from '~/lib/caller.server';
import { db, transaction, type Tx } from '~/lib/db.server';
import { supportedLanguages } from '~/lib/i18n';
import { fail, ok, type Result } from '~/lib/result';
import { audit } from '~/modules/audit/audit.server';
import { stableStringify } from '~/modules/audit/format';
import { bodyOf } from '~/modules/content/body.server';
import type { RichTextDoc } from '~/modules/content/richtext';
import { authorize, refused } from '~/modules/identity/policy';
import { defaultPageDoc } from './defaults';
import { LEGAL_PAGE_KEYS, SITE_PAGE_KEYS, type SitePageKey } from './keys';
import { bodyField, type SitePageInput } from './schemas';

/** A page's body per language: every supported language, the default text where none is stored. */
export type PageBodies = Record<string, RichTextDoc>;
export type SitePage = { key: SitePageKey; body: PageBodies; version: number; updatedAt: Date | null };

/** A page never edited is its default text, version 1: a real city's site has these pages from its first start. */
function pageOf(key: SitePageKey, row: { body: unknown; version: number; updatedAt: Date } | null): SitePage {
  const stored = (row?.body ?? {}) as Partial<PageBodies>;
  const body = Object.fromEntries(supportedLanguages.map((lang) => [lang, stored[lang] ?? defaultPageDoc(key, lang)]));
  return { key, body, version: row?.version ?? 1, updatedAt: row?.updatedAt ?? null };
}

export async function getSitePage(key: SitePageKey): Promise<SitePage> {
  return pageOf(key, await db().sitePage.findUnique({ where: { key } }));
}

/** Every page with its version and last change, for the admin list. */
export async function listSitePages(): Promise<{ key: SitePageKey; version: number; updatedAt: Date | null }[]> {
  const rows = await db().sitePage.findMany({ select: { key: true, version: true, updatedAt: true } });
  return SITE_PAGE_KEYS.map((key) => {
    const row = rows.find((r) => r.key === key);
    return { key, version: row?.version ?? 1, updatedAt: row?.updatedAt ?? null };
  });
}

/** The versions of the terms and the privacy notice a person accepts at sign-up, read in their transaction. */
export async function legalVersions(tx: Tx): Promise<{ termsVersion: number; privacyVersion: number }> {
  const rows = await tx.sitePage.findMany({ where: { key: { in: [...LEGAL_PAGE_KEYS] } }, select: { key: true, version: true } });
  const version = (key: SitePageKey) => rows.find((r) => r.key === key)?.version ?? 1;
  return { termsVersion: version('terms'), privacyVersion: version('privacy') };
}

/** The bodies of the edit form, each language's error on its own field (an empty body is refused). */
export function pageBodiesOf(input: SitePageInput): Result<PageBodies> {
  const bodies: PageBodies = {};
  const errors: Record<string, string[]> = {};
  for (const lang of supportedLanguages) {
    const name = bodyField(lang);
    const body = bodyOf({ body: input[name], bodyText: input[`${name}Text`] });
    if (body.ok) bodies[lang] = body.value.doc;
    else errors[name] = body.fieldErrors?.body ?? [];
  }
  return Object.keys(errors).length ? fail.invalid(errors) : ok(bodies);
}

/**
 * An administrator's edit of a page, with its audit entry, in one transaction. The version rises
 * only when the text changed, so saving an unchanged page asks nobody to accept anything anew.
 */
export async function saveSitePage(caller: Caller, key: SitePageKey, bodies: PageBodies): Promise<Result<{ version: number }>> {
  const actor = authorize(caller, 'manage:city');
  if (refused(actor)) return actor;
  return transaction(async (tx) => {
    const row = await tx.sitePage.findUnique({ where: { key } });
    const before = pageOf(key, row);
    // Key order is not kept by PostgreSQL's jsonb: compare the documents, not their spelling.
    if (stableStringify(before.body) === stableStringify(bodies)) return ok({ version: before.version });
    const version = before.version + 1;
    const after = await tx.sitePage.upsert({
      where: { key },
      update: { body: bodies as never, version },
      create: { key, body: bodies as never, version },
    });
    await audit(tx, {
      actorId: actor.id,
      action: 'site-page.update',
      targetKind: 'site-page',
      targetId: key,
      before: row ? { version: row.version, body: row.body } : { version: 1, default: true },
      after: { version: after.version, body: after.body },
      requestId: caller.requestId,
    });
    // The administrator who wrote the new terms has read them: they are not asked to accept them
    // before their next edit (docs/decisions/0029-accepting-changed-terms.md).
    if ((LEGAL_PAGE_KEYS as readonly string[]).includes(key))
      await tx.user.update({ where: { id: actor.id }, data: { termsAcceptedAt: new Date(), ...(await legalVersions(tx)) } });
    return ok({ version });
  });
}

/** The demo city's pages: the default texts, stored as version 1 (prisma/seed.ts). */
export async function seedSitePages(tx: Tx): Promise<void> {
  for (const key of SITE_PAGE_KEYS) {
    const body = Object.fromEntries(supportedLanguages.map((lang) => [lang, defaultPageDoc(key, lang)]));
    await tx.sitePage.create({ data: { key, body: body as never, version: 1 } });
  }
}
