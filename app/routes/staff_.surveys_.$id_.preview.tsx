import { useForm, type FieldMetadata } from '@conform-to/react';
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { Link } from '~/components/link';
import { useTranslation } from 'react-i18next';
import { isLanguage, languageName, localized, supportedLanguages } from '~/lib/i18n';
import { pageTitle } from '~/lib/meta';
import { QuestionField } from '~/modules/surveys/components/question-field';
import { SurveyTrail } from '~/modules/surveys/components/builder-settings-form';
import { loadSurveyToManage } from '~/modules/surveys/guards.server';
import { byPosition, sectionNumbers } from '~/modules/surveys/questions';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'surveys:builder.preview.title');

type Section = { title?: Record<string, string> };

/** A survey as a respondent sees it, one section at a time, in a chosen language; nothing is stored. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { survey } = await loadSurveyToManage(request, context, params.id);
  const url = new URL(request.url);
  const asked = url.searchParams.get('lang');
  const lang = isLanguage(asked) ? asked : supportedLanguages[0];
  const stored = (Array.isArray(survey.sections) ? survey.sections : []) as Section[];
  const count = Math.max(1, stored.length, ...sectionNumbers(survey.questions));
  const wanted = Number(url.searchParams.get('section') ?? '1');
  const section = Number.isInteger(wanted) && wanted >= 1 && wanted <= count ? wanted : 1;
  return json(
    {
      survey: { id: survey.id, title: survey.title, intro: survey.intro },
      lang,
      section,
      count,
      sectionTitle: stored[section - 1]?.title ?? null,
      questions: survey.questions.filter((q) => q.section === section).sort(byPosition),
    },
    { headers: { 'Cache-Control': 'private, no-store' } },
  );
}

export default function SurveyPreview() {
  const { t } = useTranslation('surveys');
  const { survey, lang, section, count, sectionTitle, questions } = useLoaderData<typeof loader>();
  const [, fields] = useForm({ id: 'survey-preview' });
  const answers = (
    fields as unknown as Record<string, FieldMetadata<Record<string, unknown>, any, string[]>>
  ).a.getFieldset() as unknown as Record<string, FieldMetadata<any, any, string[]>>;
  const base = `/staff/surveys/${survey.id}/preview`;
  const intro = localized(survey.intro, lang).text;
  const heading = (sectionTitle && localized(sectionTitle, lang).text) || t('builder.sections.number', { number: section });
  return (
    <div className="stack">
      <SurveyTrail survey={survey} here={{ to: `${base}?lang=${lang}`, label: t('builder.preview.title') }} />
      <div className="alert alert-info" role="note">
        <p>
          <strong>{t('builder.preview.banner')}</strong> {t('builder.preview.bannerHint')}
        </p>
      </div>
      <nav aria-label={t('builder.preview.languages')}>
        <ul className="inline-list">
          {supportedLanguages.map((l) => (
            <li key={l}>
              <Link to={`${base}?lang=${l}&section=${section}`} hrefLang={l} lang={l} aria-current={l === lang ? 'page' : undefined}>
                {languageName(l)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <div lang={lang} className="stack">
        <h1>{localized(survey.title, lang).text}</h1>
        {section === 1 && intro ? <p className="survey-intro">{intro}</p> : null}
        <h2>{heading}</h2>
        <p className="muted">{t('builder.preview.sectionOf', { section, count })}</p>
        <form aria-label={t('builder.preview.formLabel')} className="stack" onSubmit={(e) => e.preventDefault()}>
          {/* A disabled fieldset disables every field in it: a preview stores nothing. */}
          <fieldset disabled className="stack">
            <legend className="visually-hidden">{t('builder.preview.formLabel')}</legend>
            {questions.length === 0 ? <p>{t('builder.preview.noQuestions')}</p> : null}
            {questions.map((q) => (
              <div key={q.key} className="preview-question">
                <QuestionField question={q} field={answers[q.key]} lang={lang} />
                {q.condition ? (
                  <p className="hint">
                    {t('builder.questions.shownIf', {
                      question: q.condition.question,
                      op: t(`builder.ops.${q.condition.op}`),
                      value: q.condition.value,
                    })}
                  </p>
                ) : null}
              </div>
            ))}
          </fieldset>
          <button type="submit" className="button" disabled>
            {t('builder.preview.submit')}
          </button>
        </form>
      </div>
      <nav aria-label={t('builder.preview.sections')}>
        <ul className="inline-list">
          {section > 1 ? (
            <li>
              <Link to={`${base}?lang=${lang}&section=${section - 1}`}>{t('builder.preview.previous')}</Link>
            </li>
          ) : null}
          {section < count ? (
            <li>
              <Link to={`${base}?lang=${lang}&section=${section + 1}`}>{t('builder.preview.next')}</Link>
            </li>
          ) : null}
          <li>
            <Link to={`/staff/surveys/${survey.id}/questions`}>{t('builder.preview.back')}</Link>
          </li>
        </ul>
      </nav>
    </div>
  );
}
