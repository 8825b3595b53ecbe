import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { AdminTrail } from '~/components/admin';
import { FormErrors, PostForm, SelectField, SubmitButton, TextField } from '~/components/ui/forms';
import { redirectWithFlash } from '~/lib/flash.server';
import { formatDate } from '~/lib/format';
import { DataTable } from '~/components/ui/data-table';
import { callerFor } from '~/lib/caller.server';
import { localized } from '~/lib/i18n';
import { pageTitle } from '~/lib/meta';
import { replyForm, respondToForm } from '~/lib/respond.server';
import { useRootData } from '~/lib/root-data';
import { readSubmission } from '~/lib/submission.server';
import { useSchemaForm } from '~/lib/use-schema-form';
import { listRoleGrants } from '~/modules/identity/queries.server';
import { grantRole, revokeRole } from '~/modules/identity/roles.server';
import { GrantRoleSchema, RevokeRoleSchema, RolesActionSchema } from '~/modules/identity/schemas';
import { requirePermission } from '~/modules/identity/guards.server';
import { ROLE_SCOPE, ROLES, SCOPE_KINDS } from '~/modules/identity/values';
import { listScopes } from '~/modules/places/queries.server';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'admin:roles.title');

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'manage:role');
  const [grants, scopes] = await Promise.all([listRoleGrants(), listScopes()]);
  return json({ grants, scopes });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, 'manage:role');
  const submission = await readSubmission(request, RolesActionSchema);
  if (submission.status !== 'success') return replyForm(submission);
  const caller = callerFor(user, context);
  const input = submission.value;
  const result = input.intent === 'grant' ? await grantRole(caller, input) : await revokeRole(caller, input.grantId);
  if (!result.ok) return respondToForm(submission, result);
  return redirectWithFlash(
    '/admin/roles',
    { kind: 'success', key: input.intent === 'grant' ? 'admin:roles.granted' : 'admin:roles.revoked' },
    { status: 303 },
  );
}

export default function AdminRoles() {
  const { t, i18n } = useTranslation('admin');
  const { city } = useRootData();
  const { grants, scopes } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  // One reply for the page's two kinds of form: the grant form's, or a revoke button's.
  const granting = (result as { initialValue?: { intent?: unknown } } | undefined)?.initialValue?.intent === 'grant';
  const [grantForm, fields] = useSchemaForm(GrantRoleSchema, {
    id: 'roles-grant',
    lastResult: granting ? result : undefined,
    defaultValue: { intent: 'grant', role: 'staff', scope: '' },
  });
  const [revokeForm] = useSchemaForm(RevokeRoleSchema, { id: 'roles-revoke', lastResult: granting ? undefined : result });
  const lng = i18n.language;
  type Grant = (typeof grants)[number];
  const roleOf = (g: Grant) => t(`roleNames.${g.role}`, { defaultValue: g.role });
  const scopeOf = (g: Grant) => (g.scopeName ? localized(g.scopeName, lng).text : null);
  const scopeOptions = [
    { value: '', label: t('roles.noScope') },
    ...SCOPE_KINDS.flatMap((kind) =>
      scopes[kind].map((s) => ({ value: `${kind}:${s.id}`, label: `${t(`scopeKinds.${kind}`)}: ${localized(s.name, lng).text}` })),
    ),
  ];
  return (
    <div className="stack">
      <AdminTrail />
      <h1>{t('roles.title')}</h1>
      <p>{t('roles.intro')}</p>

      <section aria-labelledby="grant-role">
        <h2 id="grant-role">{t('roles.grantTitle')}</h2>
        <PostForm form={grantForm}>
          <FormErrors form={grantForm} />
          <input type="hidden" name={fields.intent.name} value="grant" />
          <TextField label={t('roles.email')} hint={t('roles.emailHint')} field={fields.email} type="email" autoComplete="off" />
          <SelectField
            label={t('roles.role')}
            field={fields.role}
            options={ROLES.map((role) => ({
              value: role,
              label: ROLE_SCOPE[role]
                ? t('roles.roleWithScope', { role: t(`roleNames.${role}`), kind: t(`scopeKinds.${ROLE_SCOPE[role]}`) })
                : t(`roleNames.${role}`),
            }))}
          />
          <SelectField label={t('roles.scope')} hint={t('roles.scopeHint')} field={fields.scope} options={scopeOptions} />
          <SubmitButton>{t('roles.grant')}</SubmitButton>
        </PostForm>
      </section>

      <section aria-labelledby="current-grants">
        <h2 id="current-grants">{t('roles.currentTitle')}</h2>
        <FormErrors form={revokeForm} />
        <DataTable
          labelledBy="current-grants"
          rows={grants}
          rowKey={(g) => g.id}
          columns={[
            {
              key: 'person',
              header: t('roles.person'),
              rowHeader: true,
              cell: (g) => (
                <>
                  {g.user.displayName}
                  {g.user.email ? (
                    <>
                      <br />
                      <span className="muted">{g.user.email}</span>
                    </>
                  ) : null}
                </>
              ),
            },
            { key: 'role', header: t('roles.role'), cell: (g) => roleOf(g) },
            {
              key: 'scope',
              header: t('roles.scope'),
              cell: (g) =>
                g.scopeKind
                  ? `${t(`scopeKinds.${g.scopeKind}`, { defaultValue: g.scopeKind })}: ${scopeOf(g) ?? t('roles.scopeGone')}`
                  : t('roles.cityWide'),
            },
            {
              key: 'since',
              header: t('roles.since'),
              cell: (g) => (
                <>
                  {formatDate(g.createdAt, lng, city.timeZone, 'medium')}
                  {g.grantedBy ? (
                    <>
                      <br />
                      <span className="muted">{t('roles.grantedBy', { name: g.grantedBy.displayName })}</span>
                    </>
                  ) : null}
                </>
              ),
            },
            {
              key: 'actions',
              header: t('table.actions'),
              headerHidden: true,
              cell: (g) => {
                const role = roleOf(g);
                const scope = scopeOf(g);
                const person = g.user.displayName;
                return (
                  <PostForm className="inline-form">
                    <input type="hidden" name="intent" value="revoke" />
                    <input type="hidden" name="grantId" value={g.id} />
                    <button type="submit" className="button button-secondary button-small">
                      {t('roles.revoke')}
                      <span className="visually-hidden">
                        {' '}
                        {scope
                          ? t('roles.revokeScopedLabel', { role, scope, name: person })
                          : t('roles.revokeLabel', { role, name: person })}
                      </span>
                    </button>
                  </PostForm>
                );
              },
            },
          ]}
        />
      </section>
    </div>
  );
}
