import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { Link } from '~/components/link';
import { useTranslation } from 'react-i18next';
import { Card } from '~/components/ui/card';
import { DataTable } from '~/components/ui/data-table';
import { FormErrors, GetForm, IntentForm, PostForm, replyFor, SelectField, SubmitButton, TextField } from '~/components/ui/forms';
import { Pager } from '~/components/ui/pager';
import { callerFor } from '~/lib/caller.server';
import { redirectWithFlash } from '~/lib/flash.server';
import { formatDate, formatNumber } from '~/lib/format';
import { localized, type LocalizedText } from '~/lib/i18n';
import { pageTitle } from '~/lib/meta';
import { useRootData } from '~/lib/root-data';
import { replyForm, respondToForm } from '~/lib/respond.server';
import { parseWithSchema } from '~/lib/schema-parse';
import { readSubmission } from '~/lib/submission.server';
import { useSchemaForm } from '~/lib/use-schema-form';
import { listResidents, personByEmail } from '~/modules/budgets/eligibility/queries.server';
import { ResidentsActionSchema, ResidentsFilterSchema } from '~/modules/budgets/eligibility/schemas';
import { revokeResidency, verifyByStaff } from '~/modules/budgets/eligibility/staff-verification.server';
import { requirePermission } from '~/modules/identity/guards.server';
import { neighborhoodOptions } from '~/modules/places/queries.server';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'eligibility:staff.title');

/**
 * Staff verify residents for participatory budgets: find a person by e-mail, verify them for a
 * neighborhood, and list (by neighborhood, 50 a page) or revoke verified residencies.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'manage:budget');
  const filter = parseWithSchema(new URL(request.url).searchParams, ResidentsFilterSchema);
  const value = filter.status === 'success' ? filter.value : {};
  const page = value.page ?? 1;
  const [residents, found, neighborhoods] = await Promise.all([
    listResidents({ neighborhoodId: value.neighborhood, page }),
    value.email ? personByEmail(value.email) : null,
    neighborhoodOptions(),
  ]);
  return json(
    {
      filter: filter.reply(),
      email: value.email ?? null,
      neighborhood: value.neighborhood ?? null,
      page,
      found: found && {
        name: found.displayName,
        email: found.email,
        residencies: found.residencies.map((r) => ({ name: r.name, method: r.method, verifiedAt: r.verifiedAt.toISOString() })),
      },
      residents: {
        ...residents,
        rows: residents.rows.map((r) => ({ ...r, verifiedAt: r.verifiedAt.toISOString() })),
      },
      neighborhoods,
    },
    // A filter that cannot be read comes back with its errors and what was typed.
    { status: filter.status === 'success' ? 200 : 400, headers: { 'Cache-Control': 'private, no-store' } },
  );
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, 'manage:budget');
  const submission = await readSubmission(request, ResidentsActionSchema);
  if (submission.status !== 'success') return replyForm(submission);
  const caller = callerFor(user, context);
  const input = submission.value;
  if (input.intent === 'verify') {
    const result = await verifyByStaff(caller, input);
    if (!result.ok) return respondToForm(submission, result);
    const to = `/staff/budgets/residents?email=${encodeURIComponent(input.email)}`;
    return redirectWithFlash(to, { kind: 'success', key: 'eligibility:flash.staffVerified' }, { status: 303 });
  }
  const result = await revokeResidency(caller, input);
  if (!result.ok) return respondToForm(submission, result);
  const back = new URL(request.url);
  return redirectWithFlash(`${back.pathname}${back.search}`, { kind: 'success', key: 'eligibility:flash.revoked' }, { status: 303 });
}

export default function StaffResidents() {
  const { t, i18n } = useTranslation('eligibility');
  const { city } = useRootData();
  const { filter, email, neighborhood, page, found, residents, neighborhoods } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const lng = i18n.language;
  const name = (v: unknown) => localized(v as LocalizedText, lng).text;
  const day = (d: string) => formatDate(d, lng, city.timeZone, 'medium');
  const [findForm, findFields] = useSchemaForm(ResidentsFilterSchema, {
    lastResult: filter,
    id: 'find',
    defaultValue: { email: email ?? '' },
  });
  const [listForm, listFields] = useSchemaForm(ResidentsFilterSchema, {
    lastResult: filter,
    id: 'list',
    defaultValue: { neighborhood: neighborhood ?? '' },
  });
  const choices = neighborhoods.map((n) => ({ value: n.id, label: name(n.name) }));
  const pageLink = (to: number) => {
    const query = new URLSearchParams({ ...(neighborhood ? { neighborhood } : {}), page: String(to) });
    return `/staff/budgets/residents?${query}`;
  };
  return (
    <div className="stack">
      <h1>{t('staff.title')}</h1>
      <p>{t('staff.intro')}</p>

      <Card title={t('staff.findTitle')} id="find-title" boxed>
        <GetForm form={findForm} aria-labelledby="find-title">
          <TextField label={t('staff.email')} field={findFields.email} type="email" autoComplete="off" />
          <SubmitButton>{t('staff.find')}</SubmitButton>
        </GetForm>
        {email && !found ? <p role="status">{t('staff.notFound')}</p> : null}
        {found ? (
          <div className="stack" id="found">
            <p>
              <strong>{found.name}</strong> <span className="muted">{found.email}</span>
            </p>
            {found.residencies.length ? (
              <ul>
                {found.residencies.map((r, i) => (
                  <li key={i}>
                    {name(r.name)}{' '}
                    <span className="muted">
                      {t(`methods.${r.method}`)} · <time dateTime={r.verifiedAt}>{day(r.verifiedAt)}</time>
                    </span>
                  </li>
                ))}
              </ul>
            ) : (
              <p>{t('staff.noResidency')}</p>
            )}
          </div>
        ) : null}
      </Card>

      {/* A new search fills the form in afresh (a client-side navigation keeps the component). */}
      <VerifyForm key={email ?? ''} email={email} choices={choices} lastResult={replyFor(lastResult, 'verify')} />

      <Card title={t('staff.listTitle')} id="list-title">
        <GetForm form={listForm} aria-label={t('staff.filter')} className="field-row">
          <SelectField
            label={t('staff.neighborhood')}
            field={listFields.neighborhood}
            options={[{ value: '', label: t('staff.all') }, ...choices]}
          />
          <SubmitButton>{t('staff.apply')}</SubmitButton>
          {neighborhood ? <Link to="/staff/budgets/residents">{t('staff.reset')}</Link> : null}
        </GetForm>
        <p>{t('staff.count', { count: residents.total, formatted: formatNumber(residents.total, lng) })}</p>
        <DataTable
          caption={t('staff.listTitle')}
          captionHidden
          rows={residents.rows}
          rowKey={(r) => `${r.userId}:${r.neighborhoodId}`}
          empty={t('staff.empty')}
          columns={[
            {
              key: 'name',
              header: t('staff.person'),
              rowHeader: true,
              cell: (r) => (
                <>
                  {r.name} <span className="muted">{r.email}</span>
                </>
              ),
            },
            { key: 'neighborhood', header: t('staff.neighborhood'), cell: (r) => name(r.neighborhood) },
            { key: 'method', header: t('staff.method'), cell: (r) => t(`methods.${r.method}`) },
            { key: 'when', header: t('staff.when'), cell: (r) => <time dateTime={r.verifiedAt}>{day(r.verifiedAt)}</time> },
            {
              key: 'revoke',
              header: t('staff.actions'),
              headerHidden: true,
              cell: (r) => (
                <IntentForm
                  schema={ResidentsActionSchema}
                  intent="revoke"
                  id={`revoke-${r.userId}-${r.neighborhoodId}`}
                  label={t('staff.revoke', { name: r.name })}
                  lastResult={lastResult}
                  fields={{ userId: r.userId, neighborhoodId: r.neighborhoodId }}
                  secondary
                />
              ),
            },
          ]}
        />
        <Pager
          label={t('staff.pages')}
          previous={page > 1 ? { to: pageLink(page - 1), label: t('staff.previous') } : null}
          next={page < residents.pages ? { to: pageLink(page + 1), label: t('staff.next') } : null}
        />
      </Card>
    </div>
  );
}

function VerifyForm({
  email,
  choices,
  lastResult,
}: {
  email: string | null;
  choices: { value: string; label: string }[];
  lastResult: unknown;
}) {
  const { t } = useTranslation('eligibility');
  const [form, fields] = useSchemaForm(ResidentsActionSchema, { lastResult, id: 'verify', defaultValue: { email: email ?? '' } });
  return (
    <Card title={t('staff.verifyTitle')} id="verify-title" boxed>
      <p>{t('staff.verifyIntro')}</p>
      <PostForm form={form} aria-labelledby="verify-title">
        <FormErrors form={form} />
        <input type="hidden" name="intent" value="verify" />
        <TextField label={t('staff.email')} field={fields.email} type="email" autoComplete="off" />
        <SelectField
          label={t('staff.neighborhood')}
          field={fields.neighborhoodId}
          options={[{ value: '', label: t('resident.chooseNeighborhood') }, ...choices]}
        />
        <SubmitButton>{t('staff.verify')}</SubmitButton>
      </PostForm>
    </Card>
  );
}
