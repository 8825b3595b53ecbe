import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { Link } from '~/components/link';
import { useTranslation } from 'react-i18next';
import { StatusBadge } from '~/components/ui/badge';
import { Card } from '~/components/ui/card';
import { DataTable } from '~/components/ui/data-table';
import { Pager } from '~/components/ui/pager';
import { FormErrors, LocalizedTextField, PostForm, SubmitButton } from '~/components/ui/forms';
import { callerFor } from '~/lib/caller.server';
import { formatDateTime, formatNumber } from '~/lib/format';
import { localized } from '~/lib/i18n';
import { pageTitle } from '~/lib/meta';
import { replyForm, respondToForm } from '~/lib/respond.server';
import { useRootData } from '~/lib/root-data';
import { readSubmission } from '~/lib/submission.server';
import { useSchemaForm } from '~/lib/use-schema-form';
import { requirePermission } from '~/modules/identity/guards.server';
import { followUpSurvey } from '~/modules/requests/follow-up/follow-up.server';
import { canReviewFollowUps } from '~/modules/requests/policy';
import { listAuthoredSurveys, surveyExists } from '~/modules/surveys/builder-queries.server';
import { NewSurveySchema } from '~/modules/surveys/building-schemas';
import { createSurvey } from '~/modules/surveys/building.server';
import { phaseOf } from '~/modules/surveys/policy';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'surveys:builder.list.title');

/** Staff's surveys: every authored survey with its status, phase and answers, and the new-survey form. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, 'manage:survey');
  const now = new Date();
  const asked = new URL(request.url).searchParams.get('after');
  const after = asked && asked.length <= 40 && (await surveyExists(asked)) ? asked : null;
  const [{ surveys, nextAfter }, followUp] = await Promise.all([
    listAuthoredSurveys(after),
    canReviewFollowUps(user) ? followUpSurvey() : null,
  ]);
  return json(
    { surveys: surveys.map((s) => ({ ...s, phase: phaseOf(s, now) })), nextAfter, paged: !!after, followUpId: followUp?.id ?? null },
    { headers: { 'Cache-Control': 'private, no-store' } },
  );
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, 'manage:survey');
  const submission = await readSubmission(request, NewSurveySchema);
  if (submission.status !== 'success') return replyForm(submission);
  const result = await createSurvey(callerFor(user, context), submission.value);
  if (!result.ok) return respondToForm(submission, result);
  return redirect(`/staff/surveys/${result.value.id}`, 303);
}

export default function SurveyList() {
  const { t, i18n } = useTranslation('surveys');
  const { surveys, nextAfter, paged, followUpId } = useLoaderData<typeof loader>();
  const { city } = useRootData();
  const lng = i18n.language;
  const when = (d: string | null) => (d ? formatDateTime(d, lng, city.timeZone, 'short') : '—');
  const [form, fields] = useSchemaForm(NewSurveySchema, { lastResult: useActionData<typeof action>(), id: 'new-survey' });
  return (
    <div className="stack">
      <h1>{t('builder.list.title')}</h1>
      <p>{t('builder.list.intro')}</p>
      <DataTable
        caption={t('builder.list.caption')}
        captionHidden
        rows={surveys}
        rowKey={(s) => s.id}
        empty={t('builder.list.empty')}
        columns={[
          {
            key: 'title',
            header: t('builder.list.surveyTitle'),
            rowHeader: true,
            cell: (s) => <Link to={`/staff/surveys/${s.id}`}>{localized(s.title, lng).text}</Link>,
          },
          { key: 'version', header: t('builder.list.version'), cell: (s) => formatNumber(s.version, lng) },
          {
            key: 'status',
            header: t('builder.list.status'),
            cell: (s) => <StatusBadge status={s.status} label={t(`builder.statuses.${s.status}`)} />,
          },
          { key: 'phase', header: t('builder.list.phase'), cell: (s) => t(`builder.phases.${s.phase}`) },
          { key: 'answers', header: t('builder.list.answers'), cell: (s) => formatNumber(s.responseCount, lng) },
          { key: 'opens', header: t('builder.list.opensAt'), cell: (s) => when(s.opensAt) },
          { key: 'closes', header: t('builder.list.closesAt'), cell: (s) => when(s.closesAt) },
          { key: 'updated', header: t('builder.list.updatedAt'), cell: (s) => when(s.updatedAt) },
        ]}
      />
      <Pager
        label={t('builder.list.pages')}
        previous={paged ? { to: '/staff/surveys', label: t('builder.list.first') } : null}
        next={nextAfter ? { to: `/staff/surveys?after=${nextAfter}`, label: t('builder.list.older') } : null}
      />
      {followUpId ? (
        <p>
          <Link to={`/staff/surveys/${followUpId}/results`}>{t('builder.list.followUpResults')}</Link>
        </p>
      ) : null}
      <Card title={t('builder.list.new')} id="new-survey-card">
        <PostForm form={form}>
          <FormErrors form={form} />
          <LocalizedTextField label={t('builder.settings.title')} field={fields.title} required="all" />
          <SubmitButton>{t('builder.list.create')}</SubmitButton>
        </PostForm>
      </Card>
    </div>
  );
}
