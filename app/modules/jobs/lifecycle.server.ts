import { seedIfEmpty } from '../../../prisma/seed';
import { checkDb, closeDb, db } from '~/lib/db.server';
import { getEnv, type Env } from '~/lib/env.server';
import { restrictNewFiles, tightenStoredFiles } from '~/lib/file-modes.server';
import { logger } from '~/lib/logger.server';
import { closeMail, deliverQueuedMail } from '~/lib/mail.server';
import { migrate } from '~/lib/migrate.server';
import { closeRateLimits } from '~/lib/rate-limit.server';
import { failStalledRuns } from '~/modules/requests/legacy-import.server';
import { sweepStaleStaged } from '~/modules/requests/intake/photo-uploads.server';
import { sendDailyDigests } from '~/modules/notifications/email.server';

/**
 * What the server process does around serving requests: migrate and seed on start, run the
 * background jobs (mail retries, clean-up of expired rows), report health, and close down.
 */
const MAIL_RETRY_MS = 30_000;
const CLEANUP_MS = 60 * 60 * 1000;
let timers: NodeJS.Timeout[] = [];

export function loadConfig(): Env {
  return getEnv();
}

export async function startUp(options: { seed?: boolean; jobs?: boolean } = {}) {
  restrictNewFiles();
  const env = getEnv();
  const { applied } = await migrate(env.DATABASE_URL);
  tightenStoredFiles(env);
  if (applied.length) logger().info({ applied }, 'database migrated');
  if (options.seed ?? env.SEED_DEMO === 'true') {
    if (await seedIfEmpty(db())) logger().info('demo city seeded');
  }
  // An import the previous process was writing is marked failed, to be resumed by an admin.
  await failStalledRuns({ all: env.engine === 'sqlite' });
  if (options.jobs ?? true) startJobs();
}

const DAY = 24 * 3600 * 1000;
/** How long rows that only serve a short purpose are kept. */
export const RETENTION_DAYS = { events: 30, mail: 30 };

/**
 * Hourly clean-up: expired sessions and links, realtime events older than any client could
 * still replay, delivered or undeliverable mail (which holds names and links) after a month, and
 * photo uploads a stopped process left half-done.
 */
export async function cleanUpExpired() {
  const now = Date.now();
  await db().session.deleteMany({ where: { expiresAt: { lt: new Date(now) } } });
  await db().verification.deleteMany({ where: { expiresAt: { lt: new Date(now - 7 * DAY) } } });
  await db().event.deleteMany({ where: { createdAt: { lt: new Date(now - RETENTION_DAYS.events * DAY) } } });
  await db().mailMessage.deleteMany({
    where: { createdAt: { lt: new Date(now - RETENTION_DAYS.mail * DAY) }, status: { in: ['sent', 'failed', 'outbox'] } },
  });
  await sweepStaleStaged(DAY, now);
}

function startJobs() {
  const run = (name: string, job: () => Promise<unknown>) => () =>
    job().catch((error) => logger().error({ job: name, err: (error as Error).message }, 'job failed'));
  const mail = run('mail', deliverQueuedMail);
  const cleanup = run('cleanup', async () => {
    await cleanUpExpired();
    await sendDailyDigests();
  });
  void mail();
  timers = [setInterval(mail, MAIL_RETRY_MS), setInterval(cleanup, CLEANUP_MS)];
  for (const t of timers) t.unref();
}

export { logger };
export { bodyLimit } from '~/lib/form-body.server';
export { errorPage, RETRY_AFTER_SECONDS } from './error-page.server';
/** Exposed for tests of the digest through the built server (the jobs loop runs it hourly). */
export { sendDailyDigests };

/** /healthz: 200 only when the database answers and takes a write. */
export async function health() {
  const { reachable, writable } = await checkDb();
  const database = writable ? 'ok' : reachable ? 'read-only' : 'unreachable';
  return { ok: writable, body: { status: writable ? 'ok' : 'unavailable', database } };
}

export async function shutDown() {
  for (const t of timers) clearInterval(t);
  timers = [];
  closeMail();
  await closeRateLimits();
  await closeDb();
}
