import { seedIfEmpty } from '../../prisma/seed';
import { checkDb, closeDb, db } from '~/lib/db.server';
import { getEnv, type Env } from '~/lib/env.server';
import { restrictNewFiles, tightenStoredFiles } from '~/lib/file-modes.server';
import { logger } from '~/lib/logger.server';
import { closeMail } from '~/lib/mail.server';
import { migrate } from '~/lib/migrate.server';
import { closeRateLimits } from '~/lib/rate-limit.server';
import { startAppWorker, stopAppWorker } from '~/modules/jobs/registry.server';
import { sendDailyDigests } from '~/modules/notifications/email.server';
import { failOrphanedRuns } from '~/modules/requests/legacy-import/runs.server';

/**
 * What the server process does around serving requests (reached by server/ as
 * `build.entry.module.lifecycle`): migrate and seed on start, run the job worker
 * (app/modules/jobs: mail, digests, imports, clean-up), report health, and close down.
 */
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
  // An import left running without a job to write it is marked failed, to be resumed by an admin.
  await failOrphanedRuns();
  if (options.jobs ?? true) startAppWorker();
}

export { logger };
export { bodyLimit } from '~/lib/form-body.server';
export { errorPage, RETRY_AFTER_SECONDS } from './error-page.server';
/** Exposed for tests of the digest through the built server (the worker runs it hourly). */
export { sendDailyDigests };
/** Meeting reminders (the jobs loop runs it every quarter hour; tests call it with a moved clock). */
export { sendMeetingReminders } from '~/modules/blockwatch/meeting-reminders.server';

/** /healthz: 200 only when the database answers and takes a write. */
export async function health() {
  const { reachable, writable } = await checkDb();
  const database = writable ? 'ok' : reachable ? 'read-only' : 'unreachable';
  return { ok: writable, body: { status: writable ? 'ok' : 'unavailable', database } };
}

export async function shutDown() {
  // Jobs running now are asked to stop and given back to the table for the next process.
  await stopAppWorker();
  closeMail();
  await closeRateLimits();
  await closeDb();
}
