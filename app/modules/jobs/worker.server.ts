import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { Cron } from 'croner';
import { logger } from '~/lib/logger.server';
import {
  claimNext,
  completeJob,
  enqueueOnce,
  failJob,
  onEnqueued,
  reapAbandoned,
  releaseJob,
  renewLease,
  type ClaimedJob,
  type JobPayload,
} from './queue.server';

/**
 * The one worker: runs the jobs of the job table (queue.server.ts) and fires the recurring
 * schedules. Every server process starts one; several processes share the table safely:
 * - a job is claimed with a lease by one worker (claimNext), the lease renewed while it runs;
 * - a worker killed mid-job leaves its lease to run out, and another takes the job over;
 * - a failed attempt is retried with exponential backoff, up to the job's maxAttempts;
 * - a schedule's slot is one row with a unique (name, slot): it fires once whichever processes see it.
 */
export type JobContext = { jobId: string; attempt: number; signal: AbortSignal };
export type JobHandler = {
  run(payload: JobPayload, context: JobContext): Promise<unknown>;
  /** First retry after this long, doubling at each further attempt (default 30 s, at most an hour). */
  backoffMs?: number;
  /** Called once when the job's attempts are used up (its owner records the failure). */
  giveUp?(payload: JobPayload): Promise<void>;
};
export type Handlers = Record<string, JobHandler>;
/** A recurring job: `cron` is a croner pattern, read in UTC. */
export type Schedule = { name: string; cron: string };

export type WorkerOptions = {
  handlers: Handlers;
  schedules?: Schedule[];
  /** How often the table is looked at when nothing woke the worker. */
  pollMs?: number;
  /** How long a claimed job is the worker's without a renewal (renewed every third of it). */
  leaseMs?: number;
  /** Jobs run at the same time in this process. */
  concurrency?: number;
  workerId?: string;
};
export type Worker = { id: string; stop(graceMs?: number): Promise<void> };

const HOUR = 3_600_000;
export function backoff(handler: JobHandler, attempt: number): number {
  return Math.min(HOUR, (handler.backoffMs ?? 30_000) * 2 ** Math.max(0, attempt - 1));
}

/** A job stopped because its worker is stopping (or lost its lease): given back, not failed. */
export class JobInterrupted extends Error {
  constructor() {
    super('job interrupted');
  }
}

/** What a failure leaves in the table: a code or class name, never a message that may quote personal data. */
function errorCode(error: unknown): string {
  const e = error as { code?: unknown; responseCode?: unknown; name?: unknown };
  return (
    [e?.code, e?.responseCode]
      .filter((v) => v !== undefined && v !== null)
      .join(' ')
      .slice(0, 100) || String(e?.name ?? 'Error').slice(0, 100)
  );
}

/**
 * Runs one claimed job to its end: the lease renewed meanwhile, then done, retried later, given
 * up, or (stopped by `signal`) given back. Used by the worker and by a command line that runs
 * its own job in the foreground (enqueue with leasedTo).
 */
export async function runClaimed(
  job: ClaimedJob,
  handler: JobHandler,
  options: { leaseMs: number; signal?: AbortSignal },
): Promise<'done' | 'retry' | 'gaveUp' | 'released'> {
  const abort = new AbortController();
  const stop = () => abort.abort();
  options.signal?.addEventListener('abort', stop, { once: true });
  const renewal = setInterval(
    () => {
      void renewLease(job, options.leaseMs).then(
        (held) => held || abort.abort(),
        () => {},
      );
    },
    Math.max(50, Math.floor(options.leaseMs / 3)),
  );
  try {
    await handler.run(job.payload, { jobId: job.id, attempt: job.attempts, signal: abort.signal });
    await completeJob(job);
    return 'done';
  } catch (error) {
    if (abort.signal.aborted) {
      await releaseJob(job);
      return 'released';
    }
    logger().warn({ job: job.name, jobId: job.id, attempt: job.attempts, err: errorCode(error) }, 'job failed');
    const outcome = await failJob(job, errorCode(error), backoff(handler, job.attempts));
    if (outcome === 'gaveUp') await handler.giveUp?.(job.payload);
    return outcome;
  } finally {
    clearInterval(renewal);
    options.signal?.removeEventListener('abort', stop);
  }
}

/**
 * The slot of `schedule` due at `now` (its latest time not after now), added as a job once
 * across every process. Slots missed while no process ran are not made up, except the latest.
 */
async function fireSchedule(schedule: Schedule, now = new Date()): Promise<boolean> {
  const [slot] = new Cron(schedule.cron, { timezone: 'UTC', paused: true }).previousRuns(1, now);
  if (!slot) return false;
  return enqueueOnce(schedule.name, slot.toISOString(), slot);
}

export function startWorker(options: WorkerOptions): Worker {
  const { handlers, schedules = [], pollMs = 1000, leaseMs = 60_000, concurrency = 4 } = options;
  const id = options.workerId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const names = Object.keys(handlers);
  const stopping = new AbortController();
  const running = new Set<Promise<unknown>>();
  let wake: () => void = () => {};
  let nap: NodeJS.Timeout | undefined;
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      wake = () => {
        clearTimeout(nap);
        resolve();
      };
      nap = setTimeout(wake, ms);
      nap.unref();
    });
  const unsubscribe = onEnqueued(() => wake());
  const log = logger();

  // Each schedule checks its slot when it comes (croner's timer) and once at start-up.
  const timers = schedules.map((schedule) => {
    const fire = () =>
      void fireSchedule(schedule).catch((error) => log.error({ schedule: schedule.name, err: errorCode(error) }, 'schedule failed'));
    fire();
    return new Cron(schedule.cron, { timezone: 'UTC', unref: true }, fire);
  });

  async function tick() {
    for (const job of await reapAbandoned(names)) await handlers[job.name]?.giveUp?.(job.payload);
    while (running.size < concurrency && !stopping.signal.aborted) {
      const job = await claimNext(id, names, leaseMs);
      if (!job) return;
      const done: Promise<unknown> = runClaimed(job, handlers[job.name], { leaseMs, signal: stopping.signal })
        .catch((error) => log.error({ job: job.name, jobId: job.id, err: errorCode(error) }, 'job bookkeeping failed'))
        .finally(() => {
          running.delete(done);
          wake();
        });
      running.add(done);
    }
  }

  const loop = (async () => {
    while (!stopping.signal.aborted) {
      try {
        await tick();
      } catch (error) {
        // The database may be briefly unavailable: try again at the next poll.
        log.error({ err: errorCode(error) }, 'job worker');
      }
      if (!stopping.signal.aborted) await sleep(pollMs);
    }
  })();

  return {
    id,
    /** Stops claiming and schedules; running jobs are asked to stop and given back (waits at most graceMs). */
    async stop(graceMs = 10_000) {
      if (stopping.signal.aborted) return;
      for (const timer of timers) timer.stop();
      unsubscribe();
      stopping.abort();
      wake();
      let timeout: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.all([loop, ...running]),
        new Promise((resolve) => {
          timeout = setTimeout(resolve, graceMs);
          timeout.unref();
        }),
      ]);
      clearTimeout(timeout);
    },
  };
}
