import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { Link } from '~/components/link';
import { useTranslation } from 'react-i18next';
import { Card } from '~/components/ui/card';
import { DataTable } from '~/components/ui/data-table';
import { FormErrors, LocalizedTextField, PostForm, SelectField, SubmitButton, TextArea, TextField } from '~/components/ui/forms';
import { callerFor } from '~/lib/caller.server';
import { redirectWithFlash } from '~/lib/flash.server';
import { formatNumber } from '~/lib/format';
import { localized } from '~/lib/i18n';
import { pageTitle } from '~/lib/meta';
import { replyForm, respondToForm } from '~/lib/respond.server';
import { readSubmission } from '~/lib/submission.server';
import { useSchemaForm } from '~/lib/use-schema-form';
import { createGroup } from '~/modules/blockwatch/leadership.server';
import { groupDirectory } from '~/modules/blockwatch/queries.server';
import { NewGroupSchema } from '~/modules/blockwatch/schemas';
import { requirePermission } from '~/modules/identity/guards.server';
import { neighborhoodOptions } from '~/modules/places/queries.server';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'blockwatch:staff.pageTitle');

/** Staff's block-watch groups: every group with its captains and size, and the form that creates one with its first captain. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'lead:group');
  const [groups, neighborhoods] = await Promise.all([groupDirectory(), neighborhoodOptions()]);
  return json(
    {
      groups: groups.map((g) => ({
        slug: g.slug,
        name: g.name,
        neighborhood: g.neighborhood?.name ?? null,
        captains: g.captains,
        memberCount: g.memberCount,
      })),
      neighborhoods,
    },
    { headers: { 'Cache-Control': 'private, no-store' } },
  );
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, 'lead:group');
  const submission = await readSubmission(request, NewGroupSchema);
  if (submission.status !== 'success') return replyForm(submission);
  const result = await createGroup(callerFor(user, context), submission.value);
  if (!result.ok) return respondToForm(submission, result);
  return redirectWithFlash(`/groups/${result.value.slug}/members`, { kind: 'success', key: 'blockwatch:staff.created' }, { status: 303 });
}

export default function StaffGroups() {
  const { t, i18n } = useTranslation('blockwatch');
  const { groups, neighborhoods } = useLoaderData<typeof loader>();
  const lng = i18n.language;
  const [form, fields] = useSchemaForm(NewGroupSchema, { lastResult: useActionData<typeof action>(), id: 'new-group' });
  return (
    <div className="stack">
      <h1>{t('staff.title')}</h1>
      <p>{t('staff.intro')}</p>
      <DataTable
        caption={t('staff.caption')}
        captionHidden
        rows={groups}
        rowKey={(g) => g.slug}
        empty={t('directory.none')}
        columns={[
          {
            key: 'name',
            header: t('staff.name'),
            rowHeader: true,
            cell: (g) => <Link to={`/groups/${g.slug}/members`}>{g.name}</Link>,
          },
          {
            key: 'neighborhood',
            header: t('group.neighborhood'),
            cell: (g) => (g.neighborhood ? localized(g.neighborhood, lng).text : t('directory.cityWide')),
          },
          {
            key: 'captains',
            header: t('group.captains', { count: 2 }),
            cell: (g) => (g.captains.length ? g.captains.join(', ') : t('directory.noCaptain')),
          },
          { key: 'members', header: t('group.memberCountTerm'), cell: (g) => formatNumber(g.memberCount, lng) },
        ]}
      />
      <Card title={t('staff.newTitle')} id="new-group-card">
        <PostForm form={form}>
          <FormErrors form={form} />
          <TextField label={t('staff.name')} field={fields.name} required />
          <TextField label={t('staff.slug')} field={fields.slug} hint={t('staff.slugHint')} required />
          <LocalizedTextField label={t('staff.description')} field={fields.description} multiline />
          <SelectField
            label={t('group.neighborhood')}
            field={fields.neighborhoodId}
            options={[
              { value: '', label: t('directory.cityWide') },
              ...neighborhoods.map((n) => ({ value: n.id, label: localized(n.name, lng).text })),
            ]}
          />
          <TextArea label={t('group.streets')} field={fields.streets} hint={t('staff.streetsHint')} rows={4} />
          <TextField label={t('staff.captainEmail')} field={fields.captainEmail} type="email" hint={t('staff.captainHint')} required />
          <SubmitButton>{t('staff.create')}</SubmitButton>
        </PostForm>
      </Card>
    </div>
  );
}
