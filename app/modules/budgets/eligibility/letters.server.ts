import type { Caller } from '~/lib/caller.server';
import { db, transaction } from '~/lib/db.server';
import { getEnv } from '~/lib/env.server';
import { msg } from '~/lib/forms';
import { fixedT } from '~/lib/i18n.server';
import { localized, type LocalizedText } from '~/lib/i18n';
import { fail, ok, type Result } from '~/lib/result';
import { audit } from '~/modules/audit/audit.server';
import { can, refused } from '~/modules/identity/policy';
import { getCity } from '~/modules/places/queries.server';
import { hashOfTyped, newLetterCode, unprintedHash } from './letter-code.server';
import { attemptBy, recordOwnResidency, type VerifyResidency } from './residency.server';

/**
 * The letter method: a signed-in person asks for a letter to their postal address in a
 * neighborhood; an administrator prints the pending letters (each gets a new one-time code, shown
 * on that printout only: only its hash is kept); the person types the code from the letter they
 * received, which proves they get mail there. Attempts are limited per account.
 */

/** A letter asked for and not printed yet (one at a time per person). */
const PENDING = { printedAt: null, usedAt: null } as const;

export async function requestLetter(caller: Caller, input: { neighborhoodId: string; address: string }): Promise<Result> {
  const actor = caller.user;
  if (!actor) return fail.forbidden();
  if (!(await db().neighborhood.count({ where: { id: input.neighborhoodId } })))
    return fail.invalid({ neighborhoodId: msg('forms:choose') });
  return transaction(async (tx) => {
    if (await tx.residencyCode.count({ where: { userId: actor.id, ...PENDING } })) return fail.conflict('eligibility:errors.letterPending');
    await tx.residencyCode.create({
      data: { userId: actor.id, neighborhoodId: input.neighborhoodId, address: input.address, codeHash: unprintedHash() },
    });
    return ok();
  });
}

/** The letters waiting to be printed, oldest first. */
export async function pendingLetters() {
  return db().residencyCode.findMany({
    where: { ...PENDING, user: { deletedAt: null } },
    select: {
      id: true,
      address: true,
      createdAt: true,
      user: { select: { displayName: true, locale: true } },
      neighborhood: { select: { name: true } },
    },
    orderBy: { createdAt: 'asc' },
    take: LETTERS_PER_PRINT,
  });
}

/** One printout at most this many letters (the rest wait for the next one). */
export const LETTERS_PER_PRINT = 200;

/** A letter as printed, worded in its reader's language. */
export type Letter = {
  id: string;
  lang: string;
  city: string;
  name: string;
  address: string;
  title: string;
  greeting: string;
  body: string;
  how: string;
  codeLabel: string;
  code: string;
};

/** Gives every pending letter its code and marks it printed; the codes exist only in the answer. */
export async function printLetters(caller: Caller): Promise<Result<Letter[]>> {
  const actor = caller.user;
  if (!actor || !can(actor, 'print:residency-letter')) return fail.forbidden();
  const pending = await pendingLetters();
  if (!pending.length) return fail.conflict('eligibility:letters.none');
  const city = (await getCity()).name;
  const link = `${getEnv().PUBLIC_URL}/account/residency`;
  return transaction(async (tx) => {
    const now = new Date();
    const letters: Letter[] = [];
    for (const request of pending) {
      const { code, hash } = newLetterCode();
      // Printed once: a second printout at the same moment finds nothing pending and prints nothing.
      const marked = await tx.residencyCode.updateMany({ where: { id: request.id, ...PENDING }, data: { codeHash: hash, printedAt: now } });
      if (!marked.count) continue;
      const lang = request.user.locale;
      const t = await fixedT(lang, 'eligibility');
      const neighborhood = localized(request.neighborhood.name as LocalizedText, lang).text;
      const values = { city, name: request.user.displayName, neighborhood, link };
      letters.push({
        id: request.id,
        lang,
        city,
        name: request.user.displayName,
        address: request.address,
        title: t('letter.title', values),
        greeting: t('letter.greeting', values),
        body: t('letter.body', values),
        how: t('letter.how', values),
        codeLabel: t('letter.codeLabel'),
        code,
      });
    }
    await audit(tx, {
      actorId: actor.id,
      action: 'residency.letters-print',
      targetKind: 'city',
      after: { letters: letters.map((l) => l.id) },
      requestId: caller.requestId,
    });
    return ok(letters);
  });
}

export const verifyByCode: VerifyResidency<{ code: string }> = async (caller, input) => {
  const actor = await attemptBy(caller, 'residencyCodeAccount');
  if (refused(actor)) return actor;
  const hash = hashOfTyped(input.code);
  const wrong = fail.invalid({ code: msg('eligibility:errors.wrongCode') });
  if (!hash) return wrong;
  // Only a printed letter addressed to this person: someone else's code proves nothing about them.
  const letter = await db().residencyCode.findFirst({
    where: { codeHash: hash, userId: actor.id, printedAt: { not: null } },
    select: { id: true, neighborhoodId: true, usedAt: true },
  });
  if (!letter) return wrong;
  const used = fail.conflict(undefined, { fieldErrors: { code: [msg('eligibility:errors.codeUsed')] } });
  if (letter.usedAt) return used;
  return transaction(async (tx) => {
    const marked = await tx.residencyCode.updateMany({ where: { id: letter.id, usedAt: null }, data: { usedAt: new Date() } });
    if (!marked.count) return used;
    const proof = { neighborhoodId: letter.neighborhoodId, method: 'mail_code' as const, evidence: { residencyCodeId: letter.id } };
    return ok(await recordOwnResidency(tx, { ...caller, user: actor }, proof));
  });
};
