import { db } from '~/lib/db.server';
import { sweepStagedPictures } from '~/modules/channels/post-pictures.server';
import { sweepStaleStaged } from '~/modules/requests/intake/photo-uploads.server';
import { deleteFinishedJobs } from './queue.server';

const DAY = 24 * 3600 * 1000;
/** How long rows that only serve a short purpose are kept. */
const RETENTION_DAYS = { events: 30, mail: 30, jobs: 7 };

/**
 * The hourly clean-up (the `cleanup` schedule): expired sessions and links, realtime events
 * older than any client could still replay, delivered or undeliverable mail (which holds names
 * and links) after a month, finished jobs after a week, photo uploads a stopped process left
 * half-done, and pictures uploaded for a post that was never sent (after a day).
 */
export async function cleanUpExpired(now = Date.now()) {
  await db().session.deleteMany({ where: { expiresAt: { lt: new Date(now) } } });
  await db().verification.deleteMany({ where: { expiresAt: { lt: new Date(now - 7 * DAY) } } });
  await db().event.deleteMany({ where: { createdAt: { lt: new Date(now - RETENTION_DAYS.events * DAY) } } });
  await db().mailMessage.deleteMany({
    where: { createdAt: { lt: new Date(now - RETENTION_DAYS.mail * DAY) }, status: { in: ['sent', 'failed', 'outbox'] } },
  });
  await deleteFinishedJobs(new Date(now - RETENTION_DAYS.jobs * DAY));
  await sweepStaleStaged(DAY, now);
  await sweepStagedPictures(DAY, now);
}
