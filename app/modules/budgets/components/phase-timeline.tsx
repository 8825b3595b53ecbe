import { useTranslation } from 'react-i18next';
import { formatDate } from '~/lib/format';
import { useRootData } from '~/lib/root-data';
import type { Phase } from '../values';

/**
 * A process's six phases with their published dates, in order; the current one is marked in text
 * and for screen readers (aria-current="step"), the past ones say they are over.
 */
export function PhaseTimeline({ phases, current }: { phases: { phase: Phase; startsAt: string; endsAt: string }[]; current: Phase }) {
  const { t, i18n } = useTranslation('budgets');
  const { city } = useRootData();
  const at = phases.findIndex((p) => p.phase === current);
  // endsAt is the start of the day after the last one (processes.server.ts): show the last day.
  const lastDay = (endsAt: string) => new Date(new Date(endsAt).getTime() - 1);
  return (
    <ol className="phase-timeline">
      {phases.map((p, i) => (
        <li key={p.phase} aria-current={i === at ? 'step' : undefined} className={i < at ? 'done' : i === at ? 'current' : undefined}>
          <strong>{t(`phases.${p.phase}`)}</strong>{' '}
          {i === at ? (
            <span className="pill">{t('timeline.now')}</span>
          ) : i < at ? (
            <span className="muted">{t('timeline.over')}</span>
          ) : null}
          <br />
          <span>
            {t('timeline.dates', {
              from: formatDate(p.startsAt, i18n.language, city.timeZone, 'medium'),
              to: formatDate(lastDay(p.endsAt), i18n.language, city.timeZone, 'medium'),
            })}
          </span>
        </li>
      ))}
    </ol>
  );
}
