import type { Caller } from '~/lib/caller.server';
import { beforeCommit, db, isUniqueViolation, transaction, type Tx } from '~/lib/db.server';
import { msg } from '~/lib/forms';
import type { LocalizedText } from '~/lib/i18n';
import { fail, ok, type Failure, type Result } from '~/lib/result';
import { audit } from '~/modules/audit/audit.server';
import { rewritePost, startThread } from '~/modules/channels/channels.server';
import { getChannel } from '~/modules/channels/queries.server';
import { bodyOf } from '~/modules/content/body.server';
import { neighborhoodExists } from '~/modules/places/queries.server';
import { publishAfterCommit } from '~/modules/realtime/publish.server';
import { MAX_PHOTOS } from '~/modules/requests/intake/intake-schemas';
import {
  attachStaged,
  commitStaged,
  discardStagedQuietly,
  removeStored,
  stagePhotos,
  type ProcessedPhoto,
  type StagedFile,
} from '~/modules/requests/intake/photo-uploads.server';
import { parseAmount } from './money';
import { notify } from '~/modules/notifications/notify.server';
import { mayEditProposal, mayPropose, mayReportProgress, mayReview, maySupport } from './policy';
import type { ProcessDetail } from './queries.server';
import type { ProposalInput } from './schemas';
import type { Feasibility, Progress } from './values';

/**
 * Residents' proposals (docs/decisions/0024-participatory-budgeting.md): each is made with its
 * discussion, a thread of the process's forum whose opening post is the proposal's text, in one
 * transaction; supports are counted on the row; staff review feasibility and cost and merge
 * duplicates, carrying supports and followers over. Photos take the request photos' path
 * (photo-uploads.server): re-encoded without metadata, written under temporary names before the
 * transaction, given their final names as it commits, removed if it fails. A merged proposal keeps
 * its photos: it stays readable, marked as merged, and the kept proposal has its own.
 */

type ProposalRef = { id: string; processId: string; authorId: string | null; status: string; threadId: string | null };

/** A change the proposal's readers see at once (its page and the process page reload). */
const changed = (tx: Tx, process: { id: string }, proposalId: string) =>
  publishAfterCommit(tx, [{ room: `budget:${process.id}`, type: 'budget.proposal', payload: { proposalId } }]);

/** What the form cannot say by itself: the cost in the process's currency, and a neighborhood and category of this process. */
function checkFields(process: ProcessDetail, input: ProposalInput): { cost: bigint } | Failure {
  const cost = parseAmount(input.cost, process.currency);
  if (cost === null || cost <= 0n || cost > BigInt(process.total)) return fail.invalid({ cost: msg('budgets:errors.cost') });
  if (input.neighborhoodId && process.scope === 'neighborhoods' && !process.scopes.some((s) => s.id === input.neighborhoodId))
    return fail.invalid({ neighborhoodId: msg('forms:choose') });
  if (input.categoryId && !process.categories.some((c) => c.id === input.categoryId))
    return fail.invalid({ categoryId: msg('forms:choose') });
  return { cost };
}

/** The proposal's columns from its form, checked (cost, neighborhood, category, the rich-text body), or why not. */
async function proposalFields(process: ProcessDetail, input: ProposalInput) {
  const checked = checkFields(process, input);
  if ('ok' in checked) return checked;
  if (input.neighborhoodId && !(await neighborhoodExists(input.neighborhoodId)))
    return fail.invalid({ neighborhoodId: msg('forms:choose') });
  const body = bodyOf(input);
  if (!body.ok) return body;
  return {
    body: body.value,
    data: {
      title: input.title,
      body: body.value.doc as never,
      text: body.value.text,
      cost: checked.cost,
      neighborhoodId: input.neighborhoodId ?? null,
      categoryId: input.categoryId ?? null,
      address: input.address ?? null,
    },
  };
}

export async function submitProposal(
  caller: Caller,
  process: ProcessDetail,
  input: ProposalInput,
  photos: ProcessedPhoto[] = [],
): Promise<Result<{ id: string; held: boolean }>> {
  const actor = caller.user;
  if (!actor || !mayPropose(actor, process.phase)) return fail.forbidden();
  const fields = await proposalFields(process, input);
  if ('ok' in fields) return fields;
  const channel = await getChannel(process.channelSlug);
  if (!channel) return fail.notFound();
  let proposalId = '';
  const staged = await stagePhotos(photos, 'proposal');
  const started = await withStaged(staged, () =>
    startThread(caller, channel, false, { title: input.title, ...fields.body }, async (tx, thread) => {
      const proposal = await tx.proposal.create({
        data: { ...fields.data, processId: process.id, authorId: actor.id, threadId: thread.id },
        select: { id: true },
      });
      proposalId = proposal.id;
      await attachStaged(tx, staged, { kind: 'proposal', id: proposal.id }, actor.id);
      beforeCommit(tx, () => commitStaged(staged));
      await changed(tx, process, proposal.id);
    }),
  );
  if (!started.ok) return started;
  return ok({ id: proposalId, held: started.value.held });
}

/** Runs a write that commits staged photos; if it throws or answers a failure, the files go. */
async function withStaged<T extends Result<unknown>>(staged: StagedFile[], write: () => Promise<T>): Promise<T> {
  try {
    const result = await write();
    if (!result.ok) await discardStagedQuietly(staged);
    return result;
  } catch (error) {
    await discardStagedQuietly(staged);
    throw error;
  }
}

/**
 * The author's change: the proposal and its discussion's opening post (a revision kept), together;
 * the photos chosen in `input.removePhotos` go and `photos` are added, at most MAX_PHOTOS in all.
 * Removed files are deleted once the change is committed.
 */
export async function editProposal(
  caller: Caller,
  process: ProcessDetail,
  proposal: ProposalRef,
  input: ProposalInput,
  photos: ProcessedPhoto[] = [],
): Promise<Result> {
  const actor = caller.user;
  if (!actor || !mayEditProposal(actor, proposal, process.phase)) return fail.forbidden();
  const fields = await proposalFields(process, input);
  if ('ok' in fields) return fields;
  const owner = { kind: 'proposal', id: proposal.id } as const;
  const staged = await stagePhotos(photos, 'proposal');
  let removed: string[] = [];
  const result = await withStaged(staged, () =>
    transaction(async (tx) => {
      // Checked before any write: a failure answered from inside transaction() still commits.
      const current = await tx.attachment.findMany({
        where: { ownerKind: owner.kind, ownerId: owner.id },
        select: { id: true, path: true },
      });
      const gone = current.filter((a) => input.removePhotos.includes(a.id));
      if (current.length - gone.length + staged.length > MAX_PHOTOS)
        return fail.invalid({ photos: msg('budgets:errors.photoLimit', { max: MAX_PHOTOS }) });
      const written = await writeEdit(tx, actor.id, process, proposal, input, fields);
      if (!written.ok) return written;
      if (gone.length)
        await tx.attachment.deleteMany({ where: { id: { in: gone.map((a) => a.id) }, ownerKind: owner.kind, ownerId: owner.id } });
      await attachStaged(tx, staged, owner, actor.id);
      beforeCommit(tx, () => commitStaged(staged));
      removed = gone.map((a) => a.path);
      return ok();
    }),
  );
  if (result.ok) await removeStored(removed);
  return result;
}

/** The edit's rows: the proposal (while still published) and its discussion's opening post. */
async function writeEdit(
  tx: Tx,
  actorId: string,
  process: ProcessDetail,
  proposal: ProposalRef,
  input: ProposalInput,
  fields: Exclude<Awaited<ReturnType<typeof proposalFields>>, Failure>,
): Promise<Result> {
  const moved = await tx.proposal.updateMany({ where: { id: proposal.id, status: 'published' }, data: fields.data });
  if (moved.count !== 1) return fail.conflict('budgets:errors.proposalClosed');
  const opening = proposal.threadId
    ? await tx.post.findFirst({
        where: { threadId: proposal.threadId, isOpening: true },
        select: {
          id: true,
          threadId: true,
          isOpening: true,
          body: true,
          text: true,
          status: true,
          thread: { select: { channelId: true } },
        },
      })
    : null;
  if (opening) await rewritePost(tx, actorId, { ...opening, channelId: opening.thread.channelId }, { title: input.title, ...fields.body });
  await changed(tx, process, proposal.id);
  return ok();
}

/** The author takes their proposal back while proposals are open; its discussion stays. */
export async function withdrawProposal(caller: Caller, process: ProcessDetail, proposal: ProposalRef): Promise<Result> {
  const actor = caller.user;
  if (!actor || !mayEditProposal(actor, proposal, process.phase)) return fail.forbidden();
  return transaction(async (tx) => {
    const moved = await tx.proposal.updateMany({ where: { id: proposal.id, status: 'published' }, data: { status: 'withdrawn' } });
    if (moved.count !== 1) return fail.conflict('budgets:errors.proposalClosed');
    await changed(tx, process, proposal.id);
    return ok();
  });
}

/** Supporting (or taking a support back) once per person; the count on the row moves with the row. */
export async function setSupport(caller: Caller, process: ProcessDetail, proposal: ProposalRef, on: boolean): Promise<Result> {
  const actor = caller.user;
  if (!actor || !maySupport(actor, proposal, process.phase)) return fail.forbidden();
  try {
    return await transaction(async (tx) => {
      const key = { proposalId_userId: { proposalId: proposal.id, userId: actor.id } };
      if (on) {
        const had = await tx.proposalSupport.findUnique({ where: key, select: { userId: true } });
        if (had) return ok();
        await tx.proposalSupport.create({ data: { proposalId: proposal.id, userId: actor.id }, select: { userId: true } });
        await tx.proposal.update({ where: { id: proposal.id }, data: { supportCount: { increment: 1 } }, select: { id: true } });
      } else {
        const gone = await tx.proposalSupport.deleteMany({ where: { proposalId: proposal.id, userId: actor.id } });
        if (!gone.count) return ok();
        await tx.proposal.update({ where: { id: proposal.id }, data: { supportCount: { decrement: 1 } }, select: { id: true } });
      }
      await changed(tx, process, proposal.id);
      return ok();
    });
  } catch (error) {
    // The same person's two clicks at once: the first one counted.
    if (isUniqueViolation(error)) return ok();
    throw error;
  }
}

/** Staff's review: feasibility (a public explanation required to refuse) and the reviewed cost. */
export async function reviewProposal(
  caller: Caller,
  process: ProcessDetail,
  proposal: ProposalRef & { feasibility: string; cost: string },
  input: { feasibility: Feasibility; note: LocalizedText; cost: string },
): Promise<Result> {
  const actor = caller.user;
  if (!actor || !mayReview(actor, process.phase)) return fail.forbidden();
  if (proposal.status !== 'published') return fail.conflict('budgets:errors.proposalClosed');
  const cost = parseAmount(input.cost, process.currency);
  if (cost === null || cost <= 0n || cost > BigInt(process.total)) return fail.invalid({ cost: msg('budgets:errors.cost') });
  if (input.feasibility === 'unfeasible' && !Object.keys(input.note).length)
    return fail.invalid({ note: msg('budgets:errors.noteNeeded') });
  return transaction(async (tx) => {
    await tx.proposal.update({
      where: { id: proposal.id },
      data: { feasibility: input.feasibility, feasibilityNote: Object.keys(input.note).length ? (input.note as never) : undefined, cost },
      select: { id: true },
    });
    await audit(tx, {
      actorId: actor.id,
      action: 'proposal.review',
      targetKind: 'proposal',
      targetId: proposal.id,
      before: { feasibility: proposal.feasibility, cost: proposal.cost },
      after: { feasibility: input.feasibility, cost: cost.toString() },
      requestId: caller.requestId,
    });
    await changed(tx, process, proposal.id);
    return ok();
  });
}

/**
 * Merging a duplicate into another proposal of the process: the duplicate's supporters support the
 * kept one (once each), its discussion's followers follow the kept one's, and it points there.
 */
export async function mergeProposal(
  caller: Caller,
  process: ProcessDetail,
  from: ProposalRef,
  intoId: string,
): Promise<Result<{ into: string }>> {
  const actor = caller.user;
  if (!actor || !mayReview(actor, process.phase)) return fail.forbidden();
  if (intoId === from.id) return fail.invalid({ into: msg('budgets:errors.mergeSelf') });
  const into = await db().proposal.findFirst({
    where: { id: intoId, processId: process.id, status: 'published' },
    select: { id: true, threadId: true },
  });
  if (!into) return fail.invalid({ into: msg('forms:choose') });
  return transaction(async (tx) => {
    const moved = await tx.proposal.updateMany({
      where: { id: from.id, status: 'published' },
      data: { status: 'merged', mergedIntoId: into.id },
    });
    if (moved.count !== 1) return fail.conflict('budgets:errors.proposalClosed');
    const supporters = await tx.proposalSupport.findMany({ where: { proposalId: from.id }, select: { userId: true } });
    // Whole lists, not IN lists: SQLite takes at most 999 values in one.
    const already = new Set(
      (await tx.proposalSupport.findMany({ where: { proposalId: into.id }, select: { userId: true } })).map((s) => s.userId),
    );
    const carried = supporters.filter((s) => !already.has(s.userId));
    if (carried.length) await tx.proposalSupport.createMany({ data: carried.map((s) => ({ proposalId: into.id, userId: s.userId })) });
    await tx.proposalSupport.deleteMany({ where: { proposalId: from.id } });
    await tx.proposal.update({ where: { id: from.id }, data: { supportCount: 0 }, select: { id: true } });
    await tx.proposal.update({ where: { id: into.id }, data: { supportCount: { increment: carried.length } }, select: { id: true } });
    if (from.threadId && into.threadId) {
      const followers = await tx.follow.findMany({
        where: { targetKind: 'thread', targetId: from.threadId, level: 'follow' },
        select: { userId: true },
      });
      const following = new Set(
        (await tx.follow.findMany({ where: { targetKind: 'thread', targetId: into.threadId }, select: { userId: true } })).map(
          (f) => f.userId,
        ),
      );
      const newFollowers = followers.filter((f) => !following.has(f.userId));
      if (newFollowers.length)
        await tx.follow.createMany({
          data: newFollowers.map((f) => ({ userId: f.userId, targetKind: 'thread', targetId: into.threadId!, level: 'follow' })),
        });
    }
    await audit(tx, {
      actorId: actor.id,
      action: 'proposal.merge',
      targetKind: 'proposal',
      targetId: from.id,
      after: { into: into.id, supports: carried.length },
      requestId: caller.requestId,
    });
    await changed(tx, process, from.id);
    return ok({ into: into.id });
  });
}

/**
 * A funded project's news: its progress and a note in the readers' languages, kept as an update
 * on its page; everyone following its discussion is notified (in the app, and by mail as they chose).
 */
export async function reportProgress(
  caller: Caller,
  process: ProcessDetail,
  proposal: ProposalRef & { title: string; fundedRank: number | null },
  input: { progress: Progress; body: LocalizedText },
): Promise<Result> {
  const actor = caller.user;
  if (!actor || !mayReportProgress(actor, proposal, process.phase)) return fail.forbidden();
  return transaction(async (tx) => {
    await tx.proposalUpdate.create({
      data: { proposalId: proposal.id, authorId: actor.id, progress: input.progress, body: input.body as never },
      select: { id: true },
    });
    await tx.proposal.update({ where: { id: proposal.id }, data: { progress: input.progress }, select: { id: true } });
    const followers = proposal.threadId
      ? await tx.follow.findMany({
          where: { targetKind: 'thread', targetId: proposal.threadId, level: 'follow', userId: { not: actor.id } },
          select: { userId: true },
        })
      : [];
    await notify(
      tx,
      followers.map((f) => ({
        userId: f.userId,
        kind: 'project' as const,
        targetKind: 'proposal' as const,
        targetId: proposal.id,
        data: { title: proposal.title, progress: input.progress, slug: process.slug },
      })),
    );
    await audit(tx, {
      actorId: actor.id,
      action: 'proposal.progress',
      targetKind: 'proposal',
      targetId: proposal.id,
      after: { progress: input.progress },
      requestId: caller.requestId,
    });
    await changed(tx, process, proposal.id);
    return ok();
  });
}
