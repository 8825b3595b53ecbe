import { db, transaction, type Tx } from '~/lib/db.server';
import { getEnv } from '~/lib/env.server';
import { msg } from '~/lib/forms';
import { fixedT } from '~/lib/i18n.server';
import type { LocalizedText } from '~/lib/i18n';
import { queueMail } from '~/modules/mail/outbox.server';
import type { Caller } from '~/lib/caller.server';
import { fail, ok, type Failure, type Result } from '~/lib/result';
import { auditRequest } from '../audit.server';
import { notify } from '~/modules/notifications/notify.server';
import { publishAfterCommit } from '~/modules/realtime/publish.server';
import { allowedTransitions, isOpen } from '../lifecycle';
import { followUpSurvey, inviteToFollowUp } from '../follow-up/follow-up.server';
import { linkedPageEvents } from '../forum-links/forum-links.server';
import { canHandleRequests } from '../policy';
import type { RequestStatus } from '../values';
import type { StatusChange } from './handling-schemas';

/**
 * Staff handling a service request: status changes along the allowed transitions, notes (public or
 * internal) and assignment. Each action is one transaction: the request row, a timeline entry, an
 * audit entry, live events for the request's and the department's rooms and, for a public change,
 * mail to the requester's contact address (in their language) and in-app notices to followers.
 */
/** A refusal shown by the form's field (a 400 with the form kept, like a validation error). */
const refusal = (field: string, key: string): Failure => fail.invalid({ [field]: msg(key) });

/** The signed-in caller, if they handle the department's requests. */
function handler(caller: Caller, departmentId: string) {
  return caller.user && canHandleRequests(caller.user, departmentId) ? caller.user : null;
}

/** Who may be assigned a department's requests: active admins, city-wide staff and its liaisons. */
export async function assigneeOptions(departmentIds: string[] | 'all') {
  const grants = await db().roleGrant.findMany({
    where: {
      user: { status: 'active' },
      OR: [
        { role: { in: ['admin', 'staff'] }, scopeKind: null },
        { role: 'liaison', scopeKind: 'department', ...(departmentIds === 'all' ? {} : { scopeId: { in: departmentIds } }) },
      ],
    },
    select: { user: { select: { id: true, displayName: true } } },
  });
  const people = new Map(grants.map((g) => [g.user.id, g.user]));
  return [...people.values()].sort((a, b) => a.displayName.localeCompare(b.displayName));
}

async function loadForUpdate(tx: Tx, id: string) {
  return tx.serviceRequest.findUnique({
    where: { id },
    select: {
      id: true,
      publicCode: true,
      status: true,
      departmentId: true,
      requesterId: true,
      assigneeId: true,
      acknowledgedAt: true,
      resolvedAt: true,
      closedAt: true,
      contact: { select: { email: true, locale: true } },
      type: { select: { name: true } },
    },
  });
}
type Loaded = NonNullable<Awaited<ReturnType<typeof loadForUpdate>>>;

async function afterChange(
  tx: Tx,
  r: Loaded,
  actorId: string,
  type: string,
  publicChange: { status: RequestStatus; note: string | null } | null,
) {
  await publishAfterCommit(tx, [
    { room: `request:${r.id}`, type: 'request.updated', payload: { requestId: r.id } },
    { room: `department:${r.departmentId}`, type: 'request.updated', payload: { requestId: r.id, code: r.publicCode, change: type } },
    // Forum threads holding linked posts, and the minutes of meetings it was raised at, show the status.
    ...(type === 'status' ? await linkedPageEvents(tx, r.id) : []),
  ]);
  if (!publicChange) return;
  const link = `${getEnv().PUBLIC_URL}/requests/${r.publicCode}`;
  if (r.contact?.email) {
    const t = await fixedT(r.contact.locale, ['requests']);
    const status = t(`requests:status.${publicChange.status}`);
    await queueMail(tx, {
      to: r.contact.email,
      kind: 'request-status',
      locale: r.contact.locale,
      subject: t('requests:mail.statusSubject', { code: r.publicCode, status }),
      text: [
        t('requests:mail.statusText', { code: r.publicCode, status }),
        publicChange.note ? `\n${publicChange.note}\n` : '',
        t(r.requesterId ? 'requests:mail.statusLinkAccount' : 'requests:mail.statusLinkSecret', { link }),
      ]
        .filter(Boolean)
        .join('\n'),
    });
  }
  await mailDuplicateContacts(tx, r, publicChange, r.contact?.email ?? null);
  // Followers whose account has since been banned or deleted hear nothing.
  const followers = await tx.follow.findMany({
    where: {
      targetKind: 'request',
      targetId: r.id,
      // Those who said "me too" on its public page hear of its public changes as well.
      level: { in: ['follow', 'metoo'] },
      userId: { not: actorId },
      user: { status: { notIn: ['banned', 'deleted'] }, deletedAt: null },
    },
    select: { userId: true },
  });
  await notify(
    tx,
    followers.map((f) => ({
      userId: f.userId,
      kind: 'request' as const,
      targetKind: 'request' as const,
      targetId: r.id,
      data: { code: r.publicCode, status: publicChange.status, title: r.publicCode },
    })),
  );
}

/**
 * Requests marked as duplicates of this one: their followers follow this one already, but a
 * requester known only by a contact address would never hear of it. Each such address gets the
 * public change in its own language, with the link to *their* request (whose page shows this
 * one's public progress). Nothing about this request's requester or internal notes goes out.
 */
async function mailDuplicateContacts(
  tx: Tx,
  r: Loaded,
  publicChange: { status: RequestStatus; note: string | null },
  alreadyMailed: string | null,
) {
  const duplicates = await tx.serviceRequest.findMany({
    where: { duplicateOfId: r.id, status: 'duplicate', contact: { email: { not: null } } },
    select: { publicCode: true, requesterId: true, contact: { select: { email: true, locale: true } } },
    orderBy: { createdAt: 'asc' },
  });
  const mailed = new Set(alreadyMailed ? [alreadyMailed.toLowerCase()] : []);
  for (const d of duplicates) {
    const email = d.contact?.email;
    if (!email || mailed.has(email.toLowerCase())) continue;
    mailed.add(email.toLowerCase());
    const t = await fixedT(d.contact!.locale, ['requests']);
    const status = t(`requests:status.${publicChange.status}`);
    const link = `${getEnv().PUBLIC_URL}/requests/${d.publicCode}`;
    await queueMail(tx, {
      to: email,
      kind: 'request-merged-status',
      locale: d.contact!.locale,
      subject: t('requests:mail.mergedSubject', { code: d.publicCode, status }),
      text: [
        t('requests:mail.mergedText', { code: d.publicCode, original: r.publicCode, status }),
        publicChange.note ? `\n${publicChange.note}\n` : '',
        t(d.requesterId ? 'requests:mail.statusLinkAccount' : 'requests:mail.mergedLinkSecret', { link }),
      ]
        .filter(Boolean)
        .join('\n'),
    });
  }
}

/**
 * "Me too" on a duplicate counts on the original: each `metoo` row moves there (its date kept),
 * unless its resident already has a row on the original (they follow it, said "me too" there or
 * filed it), in which case it goes: one row per resident, counted once.
 */
async function moveMeToos(tx: Tx, duplicateId: string, originalId: string) {
  const meToos = await tx.follow.findMany({
    where: { targetKind: 'request', targetId: duplicateId, level: 'metoo' },
    select: { userId: true },
  });
  if (!meToos.length) return;
  const userIds = meToos.map((f) => f.userId);
  const there = await tx.follow.findMany({
    where: { targetKind: 'request', targetId: originalId, userId: { in: userIds } },
    select: { userId: true },
  });
  const already = new Set(there.map((f) => f.userId));
  const moving = userIds.filter((id) => !already.has(id));
  if (moving.length)
    await tx.follow.updateMany({
      where: { targetKind: 'request', targetId: duplicateId, userId: { in: moving } },
      data: { targetId: originalId },
    });
  await tx.follow.deleteMany({ where: { targetKind: 'request', targetId: duplicateId, level: 'metoo' } });
}

/** Moves a request to another status, if the transition is allowed for it now. */
export async function changeStatus(caller: Caller, requestId: string, change: StatusChange): Promise<Result> {
  const reopenDays = getEnv().REQUEST_REOPEN_DAYS;
  // Read before the transaction: the built-in survey's row is created on first use.
  const followUp = change.status === 'closed' ? await followUpSurvey() : null;
  return transaction(async (tx) => {
    const r = await loadForUpdate(tx, requestId);
    const user = r && handler(caller, r.departmentId);
    if (!r || !user) return fail.forbidden('requests:handle.errors.forbidden');
    const now = new Date();
    if (!allowedTransitions(r, reopenDays, now).includes(change.status)) {
      const reopening = (r.status === 'resolved' || r.status === 'closed') && change.status === 'in_progress';
      return refusal('status', reopening ? 'requests:handle.errors.reopenWindow' : 'requests:handle.errors.transition');
    }
    let duplicateOfId: string | null = null;
    if (change.status === 'duplicate') {
      const other = await tx.serviceRequest.findUnique({
        where: { publicCode: change.duplicateOf! },
        select: { id: true, departmentId: true },
      });
      if (!other || other.id === r.id || !canHandleRequests(user, other.departmentId))
        return refusal('duplicateOf', 'requests:handle.errors.duplicateUnknown');
      duplicateOfId = other.id;
    }
    const reopening = !isOpen(r.status) && change.status === 'in_progress';
    const data = {
      status: change.status,
      ...(!r.acknowledgedAt && ['acknowledged', 'in_progress', 'resolved'].includes(change.status) ? { acknowledgedAt: now } : {}),
      ...(change.status === 'resolved' ? { resolvedAt: now, resolutionNote: change.resolution ?? null } : {}),
      ...(change.status === 'closed' || change.status === 'duplicate' || change.status === 'declined' ? { closedAt: now } : {}),
      ...(change.status === 'duplicate' ? { duplicateOfId } : {}),
      ...(reopening ? { resolvedAt: null, closedAt: null } : {}),
    };
    // Guarded on the status read above, so two staff acting at once cannot both move it.
    const updated = await tx.serviceRequest.updateMany({ where: { id: r.id, status: r.status }, data });
    if (updated.count !== 1) return refusal('status', 'requests:handle.errors.changed');
    // The public entry carries what residents may read; an internal note is its own entry.
    const publicNote =
      change.status === 'resolved'
        ? change.resolution
        : change.status === 'declined'
          ? change.reason
          : change.notePublic
            ? change.note
            : null;
    await tx.requestEvent.create({
      data: {
        requestId: r.id,
        actorId: user.id,
        kind: change.status === 'duplicate' ? 'duplicate' : 'status',
        public: true,
        fromStatus: r.status,
        toStatus: change.status,
        note: [publicNote, change.status === 'duplicate' ? change.duplicateOf : null].filter(Boolean).join('\n') || null,
        createdAt: now,
      },
    });
    if (duplicateOfId) {
      // Whoever followed the duplicate follows the original from now on: its progress is theirs.
      const following = await tx.follow.findMany({
        where: { targetKind: 'request', targetId: r.id, level: 'follow' },
        select: { userId: true },
      });
      for (const { userId } of following) {
        await tx.follow.upsert({
          where: { userId_targetKind_targetId: { userId, targetKind: 'request', targetId: duplicateOfId } },
          create: { userId, targetKind: 'request', targetId: duplicateOfId, level: 'follow' },
          update: { userId }, // never undoes a mute
          select: { level: true },
        });
      }
    }
    const extraNote =
      change.note && (!change.notePublic || change.status === 'resolved' || change.status === 'declined') ? change.note : null;
    if (extraNote) {
      await tx.requestEvent.create({
        data: { requestId: r.id, actorId: user.id, kind: 'note', public: change.notePublic, note: extraNote, createdAt: now },
      });
    }
    await auditRequest(tx, caller, 'request.status', r.id, {
      before: { status: r.status },
      after: { status: change.status, ...(duplicateOfId ? { duplicateOfId } : {}) },
    });
    if (followUp) await inviteToFollowUp(tx, followUp, r);
    await afterChange(tx, r, user.id, 'status', {
      status: change.status,
      note: publicNote ?? (extraNote && change.notePublic ? extraNote : null),
    });
    // After afterChange, so those who said "me too" on the duplicate are told it is one.
    if (duplicateOfId) await moveMeToos(tx, r.id, duplicateOfId);
    return ok();
  });
}

/** A note on the timeline: public (residents read it, and are told) or internal (staff only). */
export async function addNote(caller: Caller, requestId: string, note: { note: string; notePublic: boolean }): Promise<Result> {
  return transaction(async (tx) => {
    const r = await loadForUpdate(tx, requestId);
    const user = r && handler(caller, r.departmentId);
    if (!r || !user) return fail.forbidden('requests:handle.errors.forbidden');
    const event = await tx.requestEvent.create({
      data: { requestId: r.id, actorId: user.id, kind: 'note', public: note.notePublic, note: note.note },
      select: { id: true },
    });
    await tx.serviceRequest.update({ where: { id: r.id }, data: { updatedAt: new Date() } });
    await auditRequest(tx, caller, 'request.note', r.id, { after: { eventId: event.id, public: note.notePublic } });
    await afterChange(tx, r, user.id, 'note', note.notePublic ? { status: r.status as RequestStatus, note: note.note } : null);
    return ok();
  });
}

/** Assigns the request to a staff member or a liaison of its department (or to no one). */
export async function assign(caller: Caller, requestId: string, assigneeId: string | null): Promise<Result> {
  return transaction(async (tx) => {
    const r = await loadForUpdate(tx, requestId);
    const user = r && handler(caller, r.departmentId);
    if (!r || !user) return fail.forbidden('requests:handle.errors.forbidden');
    let name: string | null = null;
    if (assigneeId) {
      const person = (await assigneeOptions([r.departmentId])).find((p) => p.id === assigneeId);
      if (!person) return refusal('assignee', 'requests:handle.errors.assignee');
      name = person.displayName;
    }
    if (assigneeId === r.assigneeId) return ok();
    await tx.serviceRequest.update({ where: { id: r.id }, data: { assigneeId } });
    await tx.requestEvent.create({ data: { requestId: r.id, actorId: user.id, kind: 'assignment', public: false, note: name } });
    await auditRequest(tx, caller, 'request.assign', r.id, { before: { assigneeId: r.assigneeId }, after: { assigneeId } });
    await afterChange(tx, r, user.id, 'assignment', null);
    return ok();
  });
}

/** What the "Handle this request" section needs. */
export async function handlingView(requestId: string) {
  const r = await db().serviceRequest.findUnique({
    where: { id: requestId },
    select: {
      status: true,
      resolvedAt: true,
      closedAt: true,
      departmentId: true,
      assigneeId: true,
      resolutionNote: true,
      type: { select: { resolutionDefinition: true } },
      duplicateOf: { select: { publicCode: true } },
      assignee: { select: { displayName: true } },
    },
  });
  if (!r) return null;
  const reopenDays = getEnv().REQUEST_REOPEN_DAYS;
  return {
    transitions: allowedTransitions(r, reopenDays),
    reopenDays,
    assigneeId: r.assigneeId,
    assigneeName: r.assignee?.displayName ?? null,
    resolutionDefinition: r.type.resolutionDefinition as LocalizedText,
    duplicateOf: r.duplicateOf?.publicCode ?? null,
    people: await assigneeOptions([r.departmentId]),
  };
}
