import { afterCommit, db, isUniqueViolation, type Tx } from '~/lib/db.server';
import { getEnv } from '~/lib/env.server';

/**
 * The job table (model Job): every piece of background work is one row, written in the
 * transaction of the change that asks for it, so a job exists if and only if its write
 * committed. Workers (worker.server.ts) claim rows with a lease; docs/architecture.md, "Jobs".
 */
export type JobPayload = Record<string, string | number | boolean | null>;
export type ClaimedJob = { id: string; name: string; payload: JobPayload; attempts: number; maxAttempts: number; lockedBy: string };

export type EnqueueOptions = {
  /** Not before this time (default: now). */
  runAt?: Date;
  maxAttempts?: number;
  /**
   * The job starts out leased to this worker (e.g. the import command line, which runs its own
   * job in the foreground): nobody else takes it unless the lease runs out.
   */
  leasedTo?: { workerId: string; leaseMs: number };
};

const wakers = new Set<() => void>();
/** Wakes this process's worker (a job was just committed): no wait for the next poll. */
export function onEnqueued(wake: () => void): () => void {
  wakers.add(wake);
  return () => wakers.delete(wake);
}
const wakeWorkers = () => {
  for (const wake of wakers) wake();
};

/** Adds a job inside the caller's transaction (from transaction()): it rolls back with it. */
export async function enqueue(tx: Tx, name: string, payload: JobPayload, options: EnqueueOptions = {}): Promise<ClaimedJob> {
  const lease = options.leasedTo;
  const row = await tx.job.create({
    data: {
      name,
      payload,
      runAt: options.runAt ?? new Date(),
      maxAttempts: options.maxAttempts ?? 5,
      ...(lease ? { status: 'running', attempts: 1, lockedBy: lease.workerId, lockedUntil: new Date(Date.now() + lease.leaseMs) } : {}),
    },
    select: SELECT,
  });
  if (!lease) afterCommit(tx, wakeWorkers);
  return toClaimed(row);
}

/**
 * Adds the job for one slot of a schedule, unless a process already has (the unique
 * (name, uniqueKey) index decides between processes). True when this call added it.
 */
export async function enqueueOnce(name: string, uniqueKey: string, runAt: Date): Promise<boolean> {
  try {
    await db().job.create({ data: { name, uniqueKey, payload: { slot: uniqueKey }, runAt, maxAttempts: 3 }, select: { id: true } });
    wakeWorkers();
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

const SELECT = { id: true, name: true, payload: true, attempts: true, maxAttempts: true, lockedBy: true } as const;
function toClaimed(row: {
  id: string;
  name: string;
  payload: unknown;
  attempts: number;
  maxAttempts: number;
  lockedBy: string | null;
}): ClaimedJob {
  return { ...row, payload: (row.payload ?? {}) as JobPayload, lockedBy: row.lockedBy ?? '' };
}

/** A time as a raw statement compares it with stored ones (SQLite: Prisma's ISO text; PostgreSQL: timestamp(3) in UTC). */
function sqlTime(at: Date): string {
  const iso = at.toISOString();
  return getEnv().engine === 'postgres' ? iso.slice(0, -1) : iso.replace('Z', '+00:00');
}

/**
 * Takes the next due job among `names` for `workerId` until now + leaseMs: a queued job whose
 * time has come, or a running one whose lease ran out (its worker died) and that has attempts
 * left. One statement: SQLite runs an UPDATE … RETURNING alone (writes are serialized);
 * PostgreSQL skips rows another worker is claiming (FOR UPDATE SKIP LOCKED). So a job is never
 * held by two workers at once.
 */
export async function claimNext(workerId: string, names: string[], leaseMs: number): Promise<ClaimedJob | null> {
  if (!names.length) return null;
  const now = new Date();
  const postgres = getEnv().engine === 'postgres';
  const p = (n: number) => (postgres ? `$${n}` : '?');
  const time = (n: number) => (postgres ? `$${n}::timestamp(3)` : '?');
  const nameList = postgres ? `"name" = ANY($4::text[])` : `"name" IN (SELECT value FROM json_each(?))`;
  const due = `(("status" = 'queued' AND "runAt" <= ${time(3)}) OR ("status" = 'running' AND "lockedUntil" < ${time(3)} AND "attempts" < "maxAttempts")) AND ${nameList}`;
  const pick = `SELECT "id" FROM "Job" WHERE ${due} ORDER BY "runAt", "id" LIMIT 1${postgres ? ' FOR UPDATE SKIP LOCKED' : ''}`;
  const statement = `UPDATE "Job" SET "status" = 'running', "lockedBy" = ${p(1)}, "lockedUntil" = ${time(2)}, "attempts" = "attempts" + 1 WHERE "id" = (${pick}) RETURNING "id"`;
  const params = postgres
    ? [workerId, sqlTime(new Date(now.getTime() + leaseMs)), sqlTime(now), names]
    : [workerId, sqlTime(new Date(now.getTime() + leaseMs)), sqlTime(now), sqlTime(now), JSON.stringify(names)];
  const rows = await db().$queryRawUnsafe<{ id: string }[]>(statement, ...params);
  if (!rows.length) return null;
  const row = await db().job.findUnique({ where: { id: rows[0].id }, select: SELECT });
  return row && toClaimed(row);
}

/** This claim of the job (a worker that claims the same job again after its lease ran out holds a new one). */
const holding = (job: ClaimedJob) => ({ id: job.id, status: 'running', lockedBy: job.lockedBy, attempts: job.attempts });

/** Extends a lease; false when the job is no longer this worker's (its lease ran out and another took it). */
export async function renewLease(job: ClaimedJob, leaseMs: number): Promise<boolean> {
  const { count } = await db().job.updateMany({ where: holding(job), data: { lockedUntil: new Date(Date.now() + leaseMs) } });
  return count === 1;
}

export async function completeJob(job: ClaimedJob): Promise<void> {
  await db().job.updateMany({
    where: holding(job),
    data: { status: 'done', finishedAt: new Date(), lockedBy: null, lockedUntil: null, lastError: null },
  });
}

/** Gives a job back untried (the process is stopping): the next worker starts it again at once. */
export async function releaseJob(job: ClaimedJob): Promise<void> {
  await db().job.updateMany({
    where: holding(job),
    data: { status: 'queued', runAt: new Date(), attempts: { decrement: 1 }, lockedBy: null, lockedUntil: null },
  });
}

/**
 * A failed attempt: the job is tried again after `retryInMs`, or marked failed when its attempts
 * are used up. Returns whether it gave up.
 */
export async function failJob(job: ClaimedJob, lastError: string, retryInMs: number): Promise<'retry' | 'gaveUp'> {
  const gaveUp = job.attempts >= job.maxAttempts;
  await db().job.updateMany({
    where: holding(job),
    data: gaveUp
      ? { status: 'failed', finishedAt: new Date(), lockedBy: null, lockedUntil: null, lastError }
      : { status: 'queued', runAt: new Date(Date.now() + retryInMs), lockedBy: null, lockedUntil: null, lastError },
  });
  return gaveUp ? 'gaveUp' : 'retry';
}

/**
 * Jobs whose worker died on their last attempt (lease run out, no attempt left): marked failed,
 * returned so their owners can be told (an import run is marked failed).
 */
export async function reapAbandoned(names: string[]): Promise<ClaimedJob[]> {
  const stale = await db().job.findMany({
    where: { status: 'running', lockedUntil: { lt: new Date() }, name: { in: names } },
    select: SELECT,
  });
  const reaped: ClaimedJob[] = [];
  for (const row of stale.filter((r) => r.attempts >= r.maxAttempts)) {
    const { count } = await db().job.updateMany({
      where: { id: row.id, status: 'running', lockedBy: row.lockedBy, lockedUntil: { lt: new Date() } },
      data: { status: 'failed', finishedAt: new Date(), lockedBy: null, lockedUntil: null, lastError: 'lease expired' },
    });
    if (count) reaped.push(toClaimed(row));
  }
  return reaped;
}

/** Payloads of the jobs named `name` that are still to run or running (e.g. the import runs being written). */
export async function liveJobs(name: string): Promise<JobPayload[]> {
  const rows = await db().job.findMany({ where: { name, status: { in: ['queued', 'running'] } }, select: { payload: true } });
  return rows.map((r) => (r.payload ?? {}) as JobPayload);
}

/** Finished jobs are kept a while (to read why one failed), then deleted by the clean-up. */
export async function deleteFinishedJobs(before: Date): Promise<void> {
  await db().job.deleteMany({
    where: { status: { in: ['done', 'failed'] }, OR: [{ finishedAt: { lt: before } }, { finishedAt: null, createdAt: { lt: before } }] },
  });
}
