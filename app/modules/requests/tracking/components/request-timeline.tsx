import { useTranslation } from 'react-i18next';

type TimelineEvent = {
  id: string;
  kind: string;
  public: boolean;
  fromStatus: string | null;
  toStatus: string | null;
  note: string | null;
  createdAt: string;
  actorName: string | null;
};

/** A request's timeline (what each reader may see is chosen by the query, not here). */
export function RequestTimeline({ events, when }: { events: TimelineEvent[]; when: (iso: string) => string }) {
  const { t } = useTranslation('requests');
  return (
    <ol className="timeline">
      {events.map((e) => (
        <li key={e.id}>
          <p>
            <time dateTime={e.createdAt}>{when(e.createdAt)}</time>
            {': '}
            {e.kind === 'created'
              ? t('timeline.created')
              : e.kind === 'status' && e.toStatus === 'in_progress' && (e.fromStatus === 'resolved' || e.fromStatus === 'closed')
                ? t('timeline.reopened')
                : e.kind === 'status' && e.toStatus
                  ? t('timeline.status', { status: t(`status.${e.toStatus}`) })
                  : t(`timeline.${e.kind}`)}
            {e.actorName ? <span className="muted"> — {e.actorName}</span> : null}
            {!e.public ? <span className="pill">{t('timeline.internal')}</span> : null}
          </p>
          {e.note ? <p className="pre-wrap">{e.note}</p> : null}
        </li>
      ))}
    </ol>
  );
}
