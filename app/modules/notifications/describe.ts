import type { TFunction } from 'i18next';

/** One sentence for a notification, in the reader's language (page and e-mail alike). */
export type NotificationView = { kind: string; data: Record<string, unknown>; count?: number };

export function describeNotification(t: TFunction, n: NotificationView): string {
  const d = n.data as Record<string, string | number | null | undefined>;
  if (n.kind === 'moderation')
    return t(`moderation:notice.${d.action}`, { title: d.title ?? '', reason: d.reason ?? '', days: d.days ?? '' });
  if (n.kind === 'promoted') return t('notifications:kinds.promoted', { code: d.code ?? '', title: d.title ?? '' });
  if (n.kind === 'request') return t('notifications:kinds.request', { code: d.code ?? '', status: t(`requests:status.${d.status}`) });
  if (n.kind === 'project')
    return t('notifications:kinds.project', { title: d.title ?? '', progress: t(`budgets:progress.${d.progress}`) });
  if (n.kind === 'reply' && (n.count ?? 1) > 1) return t('notifications:kinds.replies', { count: n.count, title: d.title ?? '' });
  return t(`notifications:kinds.${n.kind}`, { name: d.name ?? '', title: d.title ?? '' });
}

/** Where a notification leads (a post in its thread, a thread, a request, a group's alerts), or nowhere. */
export function notificationLink(n: { kind?: string; targetKind: string; targetId: string; data: Record<string, unknown> }): string | null {
  const threadId = n.data.threadId;
  // A post became a request: its author lands on the one-click follow page.
  if (n.kind === 'promoted' && typeof n.data.code === 'string') return `/requests/${n.data.code}/follow`;
  if (n.targetKind === 'post' && typeof threadId === 'string') return `/threads/${threadId}?from=${n.targetId}#post-${n.targetId}`;
  if (n.targetKind === 'request' && typeof n.data.code === 'string') return `/requests/${n.data.code}`;
  if (n.targetKind === 'thread') return `/threads/${n.targetId}`;
  if (n.targetKind === 'group' && typeof n.data.slug === 'string') return `/groups/${n.data.slug}#alerts`;
  if (n.targetKind === 'proposal' && typeof n.data.slug === 'string') return `/budgets/${n.data.slug}/proposals/${n.targetId}#updates`;
  return null;
}
