import type { LoaderFunctionArgs } from '@remix-run/node';
import { loadSurveyToAnswer } from '~/modules/surveys/guards.server';
import { conditionStyles } from '~/modules/surveys/page-conditions';

/**
 * /surveys/:id/conditions.css: the survey's same-page conditions as CSS, so that without
 * JavaScript a question appears as the answer it depends on is ticked (page-conditions.ts). A
 * stylesheet of our own origin, so the CSP stays `style-src 'self'`. Only for those who may answer
 * the survey (the same guard as its pages); the pages link it with their question stamp (`v`).
 */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { survey } = await loadSurveyToAnswer(request, context, params.id ?? '');
  return new Response(conditionStyles(survey.questions), {
    headers: { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'private, max-age=300' },
  });
}
