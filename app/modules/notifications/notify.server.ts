import type { Prisma } from '~/generated/sqlite/client';
import type { Caller } from '~/lib/caller.server';
import { createRows, inChunks, transaction, type Tx } from '~/lib/db.server';
import { fail, ok, type Result } from '~/lib/result';
import { roomOf } from '~/modules/realtime/names';
import { publishAfterCommit } from '~/modules/realtime/publish.server';
import { emailNow } from './email.server';

/**
 * In-app notifications, written in the transaction of the change they report. The header's
 * count updates live through the person's `user:<id>` room.
 */
export type NotificationInput = {
  userId: string;
  kind: 'reply' | 'mention' | 'moderation' | 'request' | 'promoted' | 'alert' | 'project';
  targetKind: 'post' | 'thread' | 'user' | 'request' | 'group' | 'proposal';
  targetId: string;
  data: Record<string, string | number | null>;
  /**
   * Unread notifications with the same key stay one: a new occurrence counts up the existing one
   * (and moves it to the top) instead of adding a row, so a busy thread says "12 new replies"
   * once rather than twelve times. It still leads to the first unread occurrence.
   */
  groupKey?: string;
};

type Row = { id: string; userId: string; kind: string; targetId: string };

/**
 * `mailedElsewhere`: the caller mails these itself, by its own rule (a block-watch alert goes at
 * once to members who chose mail, whatever their notification setting), so neither the immediate
 * mail nor the daily digest takes them up.
 */
export async function notify(tx: Tx, items: NotificationInput[], options: { mailedElsewhere?: boolean } = {}) {
  // One notification per person, kind and target; a handful of queries however many recipients.
  const unique = [...new Map(items.map((i) => [`${i.userId}:${i.kind}:${i.targetId}`, i])).values()];
  if (!unique.length) return;
  const now = new Date();
  const select = { id: true, userId: true, kind: true, targetId: true } as const;
  // Occurrences of a group for one person (replies notified together) make one notification,
  // led by the first of them; ungrouped items stand alone.
  const entries = new Map<string, { item: NotificationInput; count: number; row?: Row }>();
  const entryOf = new Map<NotificationInput, { item: NotificationInput; count: number; row?: Row }>();
  for (const item of unique) {
    const key = item.groupKey ? `${item.userId}\n${item.groupKey}` : `${item.userId}\n${item.kind}\n${item.targetId}`;
    const entry = entries.get(key) ?? { item, count: 0 };
    entry.count++;
    entries.set(key, entry);
    entryOf.set(item, entry);
  }
  const grouped = [...entries.values()].filter((e) => e.item.groupKey);
  const grownIds: string[] = [];
  for (const key of new Set(grouped.map((e) => `${e.item.groupKey}\n${e.count}`))) {
    const members = grouped.filter((e) => `${e.item.groupKey}\n${e.count}` === key);
    const grown = await tx.notification.updateManyAndReturn({
      where: { groupKey: members[0].item.groupKey, readAt: null, userId: { in: members.map((e) => e.item.userId) } },
      data: { count: { increment: members[0].count } },
      select,
    });
    const byUser = new Map(grown.map((r) => [r.userId, r]));
    for (const e of members) e.row = byUser.get(e.item.userId);
    grownIds.push(...grown.map((r) => r.id));
  }
  if (grownIds.length) {
    // A grown group moves to the top of the list (its time refreshed at most once a minute, which
    // spares a busy thread's rewriting of every follower's row and index entry at each reply),
    // and a daily digest mentions it again (emailedAt cleared).
    await tx.notification.updateMany({
      where: { id: { in: grownIds }, OR: [{ createdAt: { lt: new Date(now.getTime() - 60_000) } }, { emailedAt: { not: null } }] },
      data: { createdAt: now, emailedAt: null },
    });
  }
  const fresh = [...entries.values()].filter((e) => !e.row);
  const created = await createRows(
    fresh.map(({ item: { groupKey, ...rest }, count }) => ({
      ...rest,
      groupKey: groupKey ?? null,
      count,
      data: rest.data as never,
      createdAt: now,
      emailedAt: options.mailedElsewhere ? now : null,
    })),
    (data) => tx.notification.create({ data, select }),
    (data) => tx.notification.createManyAndReturn({ data, select }),
  );
  fresh.forEach((e, n) => (e.row = created[n]));
  const recipients = new Map(
    (options.mailedElsewhere
      ? []
      : await tx.user.findMany({
          // Only those who may get a mail now (emailNow checks again).
          where: {
            id: { in: [...new Set(unique.map((i) => i.userId))] },
            notifyEmail: 'immediate',
            email: { not: null },
            emailVerifiedAt: { not: null },
          },
          select: { id: true, email: true, emailVerifiedAt: true, locale: true, notifyEmail: true, status: true },
        })
    ).map((u) => [u.id, u]),
  );
  const emailed = new Set<string>();
  for (const item of unique) {
    const recipient = recipients.get(item.userId);
    if (recipient && (await emailNow(tx, recipient, item))) emailed.add(entryOf.get(item)!.row!.id);
  }
  if (emailed.size) await tx.notification.updateMany({ where: { id: { in: [...emailed] } }, data: { emailedAt: now } });
  await announceCreated(tx, created);
}

type FollowerNotice = {
  /** The thread whose followers hear of the post */
  threadId: string;
  postId: string;
  /** Who does not get it (the post's author, people the post mentions) */
  except: string[];
  /** Who may read the post now (channelReaders): followers who lost access hear nothing */
  readers: Prisma.UserWhereInput;
  data: NotificationInput['data'];
};

/**
 * Reply notices for everyone following a thread, in set operations: a busy thread may have
 * hundreds of followers, and passing their ids back and forth (as notify() does) costs more than
 * the rest of the reply. Same result as notify() with one grouped `reply` item per follower:
 * unread groups count up (their time refreshed at most once a minute), followers without one get
 * a new notification led by this post, and "immediate" readers get their mail.
 */
export async function notifyFollowers(tx: Tx, notice: FollowerNotice) {
  const now = new Date();
  const groupKey = `reply:thread:${notice.threadId}`;
  // Queries start from the thread's follows (indexed), never from all users.
  // Every statement keeps to followers who may still read the post (notice.readers).
  const follows = { targetKind: 'thread', targetId: notice.threadId, level: 'follow', userId: { notIn: notice.except } };
  const theirs = {
    groupKey,
    readAt: null,
    userId: { notIn: notice.except },
    user: { AND: [notice.readers, { follows: { some: { targetKind: 'thread', targetId: notice.threadId, level: 'follow' } } }] },
  };
  const item = { kind: 'reply' as const, targetKind: 'post' as const, targetId: notice.postId, data: notice.data };
  const lacking = await tx.follow.findMany({
    where: { ...follows, user: { AND: [notice.readers, { notifications: { none: { groupKey, readAt: null } } }] } },
    select: { userId: true },
  });
  await tx.notification.updateMany({ where: theirs, data: { count: { increment: 1 } } });
  await tx.notification.updateMany({
    where: { ...theirs, OR: [{ createdAt: { lt: new Date(now.getTime() - 60_000) } }, { emailedAt: { not: null } }] },
    data: { createdAt: now, emailedAt: null },
  });
  const select = { id: true, userId: true, kind: true } as const;
  const created = await createRows(
    lacking.map((f) => ({ ...item, userId: f.userId, groupKey, count: 1, data: item.data as never, createdAt: now })),
    (data) => tx.notification.create({ data, select }),
    (data) => tx.notification.createManyAndReturn({ data, select }),
  );
  // Mail for those who want it at once (usually few of the followers).
  const immediate = (
    await tx.follow.findMany({
      where: {
        ...follows,
        user: { AND: [notice.readers, { notifyEmail: 'immediate', email: { not: null }, emailVerifiedAt: { not: null } }] },
      },
      select: { user: { select: { id: true, email: true, emailVerifiedAt: true, locale: true, notifyEmail: true, status: true } } },
    })
  ).map((f) => f.user);
  if (immediate.length) {
    const rows = await tx.notification.findMany({
      where: { groupKey, readAt: null, userId: { in: immediate.map((u) => u.id) } },
      select: { id: true, userId: true },
    });
    const rowOf = new Map(rows.map((r) => [r.userId, r.id]));
    const emailed: string[] = [];
    for (const recipient of immediate) {
      const id = rowOf.get(recipient.id);
      if (id && (await emailNow(tx, recipient, item))) emailed.push(id);
    }
    if (emailed.length) await tx.notification.updateMany({ where: { id: { in: emailed } }, data: { emailedAt: now } });
  }
  await announceCreated(tx, created);
}

/** New rows change their readers' unread counts in the header (a grown group does not). */
async function announceCreated(tx: Tx, created: { id: string; userId: string; kind: string }[]) {
  if (!created.length) return;
  const newFor = [...new Set(created.map((r) => r.userId))];
  // In parts: Prisma splits a long IN list for findMany but not for groupBy (999 values on SQLite).
  const counts = await inChunks(newFor, (part) =>
    tx.notification.groupBy({ by: ['userId'], where: { userId: { in: part }, readAt: null }, _count: { _all: true } }),
  );
  const unread = new Map(counts.map((c) => [c.userId, c._count._all]));
  await publishAfterCommit(
    tx,
    created.map((row) => ({
      room: roomOf('user', row.userId),
      type: 'notification.created',
      payload: { id: row.id, kind: row.kind, unread: unread.get(row.userId) ?? 0 },
    })),
  );
}

/** Marks some (or all) of the caller's notifications read and updates their live count. */
export async function markNotificationsRead(caller: Caller, ids: string[] | 'all'): Promise<Result> {
  if (!caller.user) return fail.forbidden();
  const userId = caller.user.id;
  return transaction(async (tx) => {
    await tx.notification.updateMany({
      where: { userId, readAt: null, ...(ids === 'all' ? {} : { id: { in: ids } }) },
      data: { readAt: new Date() },
    });
    const unread = await tx.notification.count({ where: { userId, readAt: null } });
    await publishAfterCommit(tx, [{ room: roomOf('user', userId), type: 'notification.read', payload: { unread } }]);
    return ok();
  });
}
