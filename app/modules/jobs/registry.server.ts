import { db } from '~/lib/db.server';
import { dialect } from '~/lib/dialect/index.server';
import { sendStoredMail } from '~/lib/mail.server';
import { REMINDER_JOB, sendMeetingReminders } from '~/modules/blockwatch/meeting-reminders.server';
import { announceDuePollClosings, announcePollClosed, POLL_CLOSE_JOB } from '~/modules/channels/polls/close-announcements.server';
import { MAIL_JOB } from '~/modules/mail/outbox.server';
import { sendDailyDigests } from '~/modules/notifications/email.server';
import { IMPORT_JOB, importJob } from '~/modules/requests/legacy-import/runs.server';
import { MIX_JOB, mixDueSurveys, mixSurvey } from '~/modules/surveys/mixing.server';
import { cleanUpExpired } from './cleanup.server';
import { startWorker, type Handlers, type Schedule, type Worker, type WorkerOptions } from './worker.server';

/**
 * Every job the app runs, by name, and its recurring schedules (croner patterns, UTC). A new job:
 * a handler here, and enqueue(tx, name, payload) in the transaction that asks for it
 * (docs/architecture.md, "Jobs").
 */
const HANDLERS: Handlers = {
  [MAIL_JOB]: { run: (payload) => sendStoredMail(String(payload.mailId)), backoffMs: 30_000 },
  [IMPORT_JOB]: importJob,
  'notifications.digest': { run: () => sendDailyDigests() },
  cleanup: { run: () => cleanUpExpired() },
  // The query planner's statistics, as the tables grow (SQLite; PostgreSQL does it itself).
  'database.statistics': { run: () => dialect().refreshStatistics(db()) },
  // One survey's answers ({ surveyId }), or, from the schedule, every survey's that are due.
  [MIX_JOB]: { run: (payload) => (payload.surveyId ? mixSurvey(String(payload.surveyId)) : mixDueSurveys()) },
  // A poll's close time reached ({ pollId }), or, from the schedule, any poll not yet announced.
  [POLL_CLOSE_JOB]: { run: (payload) => (payload.pollId ? announcePollClosed(String(payload.pollId)) : announceDuePollClosings()) },
  // Block-watch meetings less than a day away: the reminder to everyone who did not decline.
  [REMINDER_JOB]: { run: async () => void (await sendMeetingReminders()) },
};

const SCHEDULES: Schedule[] = [
  // The daily digest goes to each person at most once a day; looked for every hour.
  { name: 'notifications.digest', cron: '5 * * * *' },
  { name: 'cleanup', cron: '35 * * * *' },
  { name: 'database.statistics', cron: '50 * * * *' },
  // Anonymous answers waiting for a batch: enough of them, or a closed survey's remainder.
  { name: MIX_JOB, cron: '*/5 * * * *' },
  { name: POLL_CLOSE_JOB, cron: '*/5 * * * *' },
  { name: REMINDER_JOB, cron: '*/15 * * * *' },
];

let worker: Worker | undefined;

/** The server process's worker (one per process; several processes share the job table). */
export function startAppWorker(options: Partial<WorkerOptions> = {}) {
  worker ??= startWorker({ handlers: HANDLERS, schedules: SCHEDULES, ...options });
  return worker;
}

export async function stopAppWorker() {
  const stopping = worker;
  worker = undefined;
  await stopping?.stop();
}
