import { parseWithSchema } from '~/lib/schema-parse';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { Link } from '~/components/link';
import { useTranslation } from 'react-i18next';
import { localized } from '~/lib/i18n';
import { pageTitle } from '~/lib/meta';
import { consume } from '~/lib/rate-limit.server';
import { refuse, replyForm, respondToForm } from '~/lib/respond.server';
import { fail } from '~/lib/result';
import { honeypot, readForm } from '~/lib/security.server';
import { getLocale } from '~/modules/identity/locale.server';
import { markAnsweredHere } from '~/modules/surveys/answered-cookie.server';
import { continueAnswering, submitAnswers } from '~/modules/surveys/answering.server';
import { getDraft, questionStamp } from '~/modules/surveys/answering-queries.server';
import { fitting, pageSchema, readCarry, withoutSection } from '~/modules/surveys/answering-schemas';
import { roughValues, type Answers } from '~/modules/surveys/answers';
import { SectionForm } from '~/modules/surveys/components/section-form';
import { loadSurveyToAnswer } from '~/modules/surveys/guards.server';
import { hasConditionStyles, postToReveal } from '~/modules/surveys/page-conditions';
import { sectionNumbers, visibleQuestions } from '~/modules/surveys/questions';
import type { Survey } from '~/modules/surveys/queries.server';

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => {
  const root = matches.find((m) => m.id === 'root')?.data as { locale?: string } | undefined;
  const title = pageTitle(matches, 'surveys:answer.pageTitle', {
    title: data ? localized(data.survey.title, root?.locale ?? 'en').text : '',
  });
  // Same-page conditions applied without JavaScript (page-conditions.ts).
  if (!data || !hasConditionStyles(data.survey.questions)) return title;
  return [...title, { tagName: 'link', rel: 'stylesheet', href: `/surveys/${data.survey.id}/conditions.css?v=${data.stamp}` }];
};

/** The section asked for, as its number, or a 404 when the survey has no such page. */
function sectionOf(survey: Survey, param: string | undefined) {
  const sections = sectionNumbers(survey.questions);
  const section = Number(param);
  if (!/^\d{1,2}$/.test(param ?? '') || !sections.includes(section)) throw refuse(fail.notFound());
  return { section, sections };
}

/**
 * One page of a survey (docs/decisions/0021-anonymous-surveys.md). Signed-in respondents' answers
 * so far are their sealed draft, kept after each page; a visitor's travel in the page forms
 * (`carry`) and nothing is stored for them until they submit. Works without JavaScript.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { survey, user, phase, answered } = await loadSurveyToAnswer(request, context, params.id ?? '');
  const { section, sections } = sectionOf(survey, params.section);
  // Not open or already answered: the page says so (a post refused for that shows its reason on the form).
  const unavailable = answered ? 'alreadyAnswered' : phase === 'open' ? null : phase === 'notYet' ? 'notYetOpen' : 'closed';
  const draft = user ? await getDraft(survey.id, user.id) : null;
  return json({
    survey: { id: survey.id, title: survey.title, sections: survey.sections, questions: survey.questions },
    section,
    sections,
    unavailable,
    answers: draft ? fitting(survey.questions, draft.answers) : {},
    stamp: questionStamp(survey),
    honeypot: user ? null : await honeypot().getInputProps(),
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const loaded = await loadSurveyToAnswer(request, context, params.id ?? '');
  const { survey, user, caller } = loaded;
  // A public survey's visitors are counted per address: every page they post.
  if (!user) await consume('surveyAnswerIp', caller.ip ?? 'unknown');
  const { section, sections } = sectionOf(survey, params.section);
  const formData = await readForm(request, { honeypot: !user });
  const draft = user ? await getDraft(survey.id, user.id) : null;
  const answers = user
    ? fitting(survey.questions, draft?.answers ?? {})
    : readCarry(survey.questions, formData.get('carry') as string | null);
  const before = withoutSection(survey.questions, section, answers);
  const submission = parseWithSchema(formData, pageSchema(survey.questions, section, before));
  const stamp = String(formData.get('stamp') ?? '');
  const at = sections.indexOf(section);

  if (formData.get('intent') === 'back') {
    // Back checks nothing: each answer of the page that is valid is kept, the others (and those
    // to questions hidden by the page's conditions, posted from the page all the same) dropped.
    const posted = (submission.payload.a ?? {}) as Record<string, unknown>;
    const shown = visibleQuestions(survey.questions, { ...before, ...roughValues(posted) }).filter((q) => q.section === section);
    const kept: Answers = { ...before, ...fitting(shown, posted) };
    return goTo(Math.max(0, at - 1), kept);
  }
  if (submission.status !== 'success' || submission.value.intent !== 'next') return replyForm(submission);
  const all: Answers = { ...before, ...submission.value.a };
  // A number typed on the page brought up questions the page did not show (CSS cannot compare
  // numbers, and without JavaScript nothing else can): the page again, with them, before going on.
  const seen = new Set((submission.value.seen ?? '').split(' '));
  const waiting = postToReveal(survey.questions, section);
  if (visibleQuestions(survey.questions, all).some((q) => waiting.has(q.key) && !seen.has(q.key)))
    return replyForm(submission, fail.invalid({}, 'surveys:answer.moreQuestions'));
  if (at < sections.length - 1) return goTo(at + 1, all);

  const done = await submitAnswers(caller, survey, {
    answers: all,
    language: await getLocale(request),
    stamp,
    answeredHere: loaded.answered,
  });
  if (!done.ok) return respondToForm(submission, done);
  const headers = user ? undefined : { 'Set-Cookie': await markAnsweredHere(request, survey.id) };
  return redirect(`/surveys/${survey.id}/thanks`, { status: 303, headers });

  /** To another page: a signed-in respondent's draft is kept, a visitor's answers go with the page. */
  async function goTo(index: number, kept: Answers) {
    const next = sections[index]!;
    const result = await continueAnswering(caller, survey, { section: next, answers: kept, stamp });
    if (!result.ok) return respondToForm(submission, result);
    if (user) return redirect(`/surveys/${survey.id}/${next}`, 303);
    return json({ advance: { section: next, answers: kept } });
  }
}

export default function SurveySection() {
  const { t, i18n } = useTranslation('surveys');
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const advance = actionData && 'advance' in actionData ? actionData.advance : null;
  const lastResult = advance ? undefined : actionData;
  const section = advance?.section ?? data.section;
  const kept = (lastResult as { initialValue?: { carry?: unknown } } | undefined)?.initialValue?.carry;
  const answers = advance?.answers ?? (typeof kept === 'string' ? safeParse(kept) : null) ?? data.answers;
  const title = localized(data.survey.title, i18n.language);
  const sectionTitle = localized((data.survey.sections as { title?: unknown }[])[section - 1]?.title, i18n.language).text;
  const at = data.sections.indexOf(section);
  return (
    <div className="stack">
      <p>
        <Link to={`/surveys/${data.survey.id}`}>{t('answer.backToSurvey')}</Link>
      </p>
      <h1 lang={title.fellBack ? title.lang : undefined}>{title.text}</h1>
      <p className="muted">{t('answer.progress', { current: at + 1, total: data.sections.length })}</p>
      {sectionTitle ? <h2>{sectionTitle}</h2> : null}
      {data.unavailable && !actionData ? (
        <div role="status" className="alert alert-info">
          <p>{t(`answer.${data.unavailable}`)}</p>
        </div>
      ) : (
        <SectionForm
          key={section}
          questions={data.survey.questions}
          section={section}
          answers={answers as Answers}
          stamp={data.stamp}
          action={`/surveys/${data.survey.id}/${section}`}
          lastResult={lastResult}
          honeypot={data.honeypot ?? undefined}
          first={at === 0}
          last={at === data.sections.length - 1}
        />
      )}
    </div>
  );
}

function safeParse(text: string): Answers | null {
  try {
    return JSON.parse(text) as Answers;
  } catch {
    return null;
  }
}
