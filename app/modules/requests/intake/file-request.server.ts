import { db, isUniqueViolation, transaction, type Tx } from '~/lib/db.server';
import type { LocalizedText } from '~/lib/i18n';
import { getEnv } from '~/lib/env.server';
import { fixedT } from '~/lib/i18n.server';
import { localized } from '~/lib/i18n';
import { queueMail } from '~/modules/mail/outbox.server';
import { requestLocation } from '../location';
import type { Caller } from '~/lib/caller.server';
import { fail, ok, type Result } from '~/lib/result';
import { audit } from '~/modules/audit/audit.server';
import { publishAfterCommit } from '~/modules/realtime/publish.server';
import { newPublicCode, newTrackingToken } from '../tracking/tracking-links.server';
import type { Answers } from '~/modules/surveys/answers';
import type { RequestPriority, RequestSource } from '../values';
import type { IntakeInput } from './intake-schemas';
import { attachStaged, commitStaged, discardStagedQuietly, stagePhotos, type ProcessedPhoto } from './photo-uploads.server';
import type { IntakeType } from './intake-queries.server';
import { neighborhoodOfAddress } from './geocode.server';

/**
 * Filing a service request from the resident's web form (and, with `source: 'open311'`, from the
 * Open311 GeoReport API, and with `onBehalf` from staff recording a call or a visit, which go
 * through the same checks and write the same rows). One transaction writes the request, its
 * contact row, the first (public) timeline entry, the photo rows, the follow of a signed-in
 * requester, the realtime events (the department's queue and the request's own room) and the
 * confirmation mail. Photos are on disk under temporary names before it starts and get their
 * final names as it ends; any failure removes them, so nothing is half stored.
 */
export type FiledRequest = { id: string; code: string; token: string | null; mailed: boolean; repeated: boolean };

const HOUR = 60 * 60 * 1000;

export async function fileRequest(
  caller: Caller,
  args: {
    type: IntakeType;
    version: number;
    form: IntakeInput;
    answers: Answers;
    photos: ProcessedPhoto[];
    locale: string;
    /** Where it came from: the web form by default, `open311` for the GeoReport API. */
    source?: RequestSource;
    /**
     * Staff (the caller) recording it on someone's behalf: the account of the person who called
     * when they have one (else none: staff are never the requester), and the priority staff chose (else the
     * type's default). With `secretLink: false` no secret link is made: there is nobody outside to
     * give it to (a promoted forum post, whose author follows the request instead).
     */
    onBehalf?: { requesterId: string | null; priority?: RequestPriority; secretLink?: boolean };
    /** More rows written in the same transaction (the forum links of a promoted post). */
    also?: (tx: Tx, filed: { id: string; code: string }) => Promise<void>;
  },
): Promise<Result<FiledRequest>> {
  const actor = caller.user;
  const { type, version, form, answers, photos, locale } = args;
  const source = args.source ?? 'web';
  if (form.submissionKey) {
    const earlier = await findSubmission(form.submissionKey);
    if (earlier) return ok(earlier);
  }
  const { onBehalf } = args;
  // Only a signed-in staff member records on someone's behalf (the routes check which types).
  if (onBehalf && !actor) return fail.forbidden();
  const recorderId = onBehalf && actor ? actor.id : null;
  const requesterId = onBehalf ? onBehalf.requesterId : actor && !form.anonymous ? actor.id : null;
  const priority = onBehalf?.priority ?? type.defaultPriority;
  // Requests not tied to an account are followed through a secret link.
  const tracking = requesterId || onBehalf?.secretLink === false ? null : newTrackingToken();
  const contact =
    form.contactName || form.contactEmail || form.contactPhone
      ? { name: form.contactName ?? null, email: form.contactEmail ?? null, phone: form.contactPhone ?? null, locale }
      : null;
  // An address on the city's list places the request in that address's neighborhood.
  const neighborhoodId = (await neighborhoodOfAddress(form.address)) ?? form.neighborhoodId ?? null;
  const staged = await stagePhotos(photos);
  try {
    const filed = await transaction(async (tx) => {
      let code = newPublicCode();
      // 29^8 codes: a clash is very unlikely; checked anyway (the unique index is the last word).
      for (let i = 0; i < 5 && (await tx.serviceRequest.findUnique({ where: { publicCode: code }, select: { id: true } })); i++)
        code = newPublicCode();
      const now = new Date();
      const request = await tx.serviceRequest.create({
        data: {
          publicCode: code,
          typeId: type.id,
          typeVersion: version,
          status: 'new',
          priority,
          source,
          description: form.description,
          answers: answers as never,
          ...requestLocation(form),
          addressId: form.addressId ?? null,
          mediaUrl: form.mediaUrl ?? null,
          neighborhoodId,
          departmentId: type.departmentId,
          dueAt: new Date(now.getTime() + type.targetHours * HOUR),
          createdAt: now,
          requesterId,
          trackingTokenHash: tracking?.hash ?? null,
          submissionKey: form.submissionKey ?? null,
          createdById: recorderId,
          ...(contact ? { contact: { create: contact } } : {}),
          events: { create: { kind: 'created', public: true, toStatus: 'new', actorId: recorderId ?? requesterId, createdAt: now } },
        },
        select: { id: true },
      });
      // An anonymous filing links nobody, its photos included; staff recording it are its author.
      await attachStaged(tx, staged, { kind: 'request', id: request.id }, onBehalf ? recorderId : requesterId);
      if (requesterId) {
        await tx.follow.upsert({
          where: { userId_targetKind_targetId: { userId: requesterId, targetKind: 'request', targetId: request.id } },
          create: { userId: requesterId, targetKind: 'request', targetId: request.id, level: 'follow' },
          update: { level: 'follow' },
        });
      }
      // Events carry ids only: pages re-read what their reader may see.
      await publishAfterCommit(tx, [
        { room: `department:${type.departmentId}`, type: 'request.created', payload: { requestId: request.id, code, typeCode: type.code } },
        { room: `request:${request.id}`, type: 'request.created', payload: { requestId: request.id } },
      ]);
      let mailed = false;
      if (contact?.email) {
        const t = await fixedT(locale, ['requests']);
        const base = getEnv().PUBLIC_URL;
        const link = tracking ? `${base}/requests/${code}?t=${tracking.token}` : `${base}/requests/${code}`;
        await queueMail(tx, {
          to: contact.email,
          kind: 'request-filed',
          locale,
          subject: t('requests:mail.filedSubject', { code }),
          text: t('requests:mail.filedText', { code, type: localized(type.name, locale).text, link }),
        });
        mailed = true;
      }
      if (onBehalf) {
        await audit(tx, {
          actorId: recorderId,
          action: 'request.record',
          targetKind: 'service-request',
          targetId: request.id,
          after: { source, priority, requesterLinked: !!requesterId },
          requestId: caller.requestId,
        });
      }
      await mailLiaisons(tx, { departmentId: type.departmentId, code, typeName: type.name, priority, address: form.address ?? null });
      await args.also?.(tx, { id: request.id, code });
      await commitStaged(staged);
      return { id: request.id, code, token: tracking?.token ?? null, mailed, repeated: false };
    });
    return ok(filed);
  } catch (error) {
    await discardStagedQuietly(staged);
    if (form.submissionKey && isUniqueViolation(error)) {
      const earlier = await findSubmission(form.submissionKey);
      if (earlier) return ok(earlier);
    }
    throw error;
  }
}

/** A form submitted twice files one request: the second answer points at the first. */
async function findSubmission(key: string): Promise<FiledRequest | null> {
  const row = await db().serviceRequest.findUnique({ where: { submissionKey: key }, select: { id: true, publicCode: true } });
  return row && { id: row.id, code: row.publicCode, token: null, mailed: false, repeated: true };
}

/** The active accounts holding a liaison grant for this department (one row per person). */
async function departmentLiaisons(tx: Tx, departmentId: string) {
  const grants = await tx.roleGrant.findMany({
    where: { role: 'liaison', scopeKind: 'department', scopeId: departmentId, user: { status: 'active', email: { not: null } } },
    select: { user: { select: { id: true, email: true, locale: true, displayName: true } } },
    orderBy: { createdAt: 'asc' },
  });
  const seen = new Map<string, { id: string; email: string; locale: string; displayName: string }>();
  for (const g of grants) if (g.user.email && !seen.has(g.user.id)) seen.set(g.user.id, { ...g.user, email: g.user.email });
  return [...seen.values()];
}

/**
 * A new request alerts every liaison of its department at once: one mail per person, in their
 * language, with the staff link to the request (no tracking token: staff read it signed in).
 */
async function mailLiaisons(
  tx: Tx,
  args: { departmentId: string; code: string; typeName: LocalizedText; priority: string; address: string | null },
) {
  const link = `${getEnv().PUBLIC_URL}/requests/${args.code}`;
  for (const liaison of await departmentLiaisons(tx, args.departmentId)) {
    const t = await fixedT(liaison.locale, ['requests']);
    const type = localized(args.typeName, liaison.locale).text;
    await queueMail(tx, {
      to: liaison.email,
      kind: 'request-liaison',
      locale: liaison.locale,
      subject: t('requests:mail.liaisonSubject', { code: args.code, type }),
      text: t('requests:mail.liaisonText', {
        code: args.code,
        type,
        priority: t(`requests:priorities.${args.priority}`),
        address: args.address ?? t('requests:mail.noAddress'),
        link,
      }),
    });
  }
}
