import { useRevalidator } from '@remix-run/react';
import { roomOf } from '~/modules/realtime/names';
import { useLive } from '~/modules/realtime/use-live';

/**
 * Reloads the results page's data when the survey's tallies change (`survey.results` in room
 * `survey:<id>`); the page itself stays correct without it (a reload shows the same figures).
 */
export function LiveResults({ surveyId, since }: { surveyId: string; since: number }) {
  const revalidator = useRevalidator();
  useLive([roomOf('survey', surveyId)], since, (event) => {
    if (event.type === 'survey.results') revalidator.revalidate();
  });
  return null;
}
