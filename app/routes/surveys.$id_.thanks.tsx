import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { Link } from '~/components/link';
import { useTranslation } from 'react-i18next';
import { localized } from '~/lib/i18n';
import { pageTitle } from '~/lib/meta';
import { loadSurvey } from '~/modules/surveys/guards.server';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'surveys:answer.thanksTitle');

/** After the last page: the survey's own thank-you text, or a plain thanks. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { survey } = await loadSurvey(request, context, params.id ?? '');
  return json({ id: survey.id, title: survey.title, thanks: survey.thanks, anonymous: survey.anonymous });
}

export default function SurveyThanks() {
  const { t, i18n } = useTranslation('surveys');
  const data = useLoaderData<typeof loader>();
  const title = localized(data.title, i18n.language);
  const thanks = localized(data.thanks, i18n.language);
  return (
    <div className="stack">
      <h1>{t('answer.thanksTitle')}</h1>
      <div role="status" className="alert alert-success">
        <p>
          {t('answer.thanksFor')} <span lang={title.fellBack ? title.lang : undefined}>{title.text}</span>
        </p>
      </div>
      {thanks.text ? (
        <p className="prose" lang={thanks.fellBack ? thanks.lang : undefined}>
          {thanks.text}
        </p>
      ) : null}
      {data.anonymous ? <p className="hint">{t('answer.thanksAnonymous')}</p> : null}
      <p>
        <Link to="/surveys">{t('answer.allSurveys')}</Link>
      </p>
    </div>
  );
}
