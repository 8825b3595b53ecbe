import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { AdminTrail } from '~/components/admin';
import { FormErrors, PostForm, SelectField, SubmitButton, TextField } from '~/components/forms';
import { redirectWithFlash } from '~/lib/flash.server';
import { formatDate } from '~/lib/format';
import { formValues, parseForm } from '~/lib/forms';
import { localized } from '~/lib/i18n';
import { invalid, notFound } from '~/lib/http.server';
import { pageTitle } from '~/lib/meta';
import { requestContext } from '~/lib/request-context.server';
import { useRootData } from '~/lib/root-data';
import { readForm } from '~/lib/security.server';
import { ROLE_SCOPE, ROLES, SCOPE_KINDS } from '~/modules/identity/policy';
import { getRoleGrant, listRoleGrants } from '~/modules/identity/queries.server';
import { grantRole, revokeRole } from '~/modules/identity/roles.server';
import { GrantRoleSchema, RevokeRoleSchema } from '~/modules/identity/schemas';
import { requirePermission } from '~/modules/identity/session.server';
import { listScopes } from '~/modules/places/queries.server';
import { z } from 'zod';
import { TableScroller } from '~/components/table-scroller';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'admin:roles.title');

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'manage:role');
  const [grants, scopes] = await Promise.all([listRoleGrants(), listScopes()]);
  return json({ grants, scopes });
}

const IntentSchema = z.object({ intent: z.enum(['grant', 'revoke']) });

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, 'manage:role');
  const formData = await readForm(request);
  const actor = { userId: user.id, requestId: requestContext(context).requestId };
  const intent = parseForm(IntentSchema, formData);
  if (!intent.ok) return invalid(intent);
  if (intent.data.intent === 'revoke') {
    const form = parseForm(RevokeRoleSchema, formData);
    if (!form.ok) return invalid(form);
    if (!(await getRoleGrant(form.data.grantId))) throw notFound();
    const result = await revokeRole(actor, form.data.grantId);
    if (!result.ok) return invalid(result);
    return redirectWithFlash('/admin/roles', { kind: 'success', key: 'admin:roles.revoked' }, { status: 303 });
  }
  const form = parseForm(GrantRoleSchema, formData);
  if (!form.ok) return invalid(form);
  const result = await grantRole(actor, form.data);
  if (!result.ok) return invalid({ ...result, values: formValues(formData) });
  return redirectWithFlash('/admin/roles', { kind: 'success', key: 'admin:roles.granted' }, { status: 303 });
}

export default function AdminRoles() {
  const { t, i18n } = useTranslation('admin');
  const { city } = useRootData();
  const { grants, scopes } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const lng = i18n.language;
  const granting = result?.values?.intent === 'grant';
  const values: Record<string, string> = granting ? result!.values : {};
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
        <PostForm noValidate>
          <FormErrors errors={granting ? result?.errors : undefined} />
          <input type="hidden" name="intent" value="grant" />
          <TextField label={t('roles.email')} hint={t('roles.emailHint')} name="email" type="email" required autoComplete="off" defaultValue={values.email} errors={granting ? result?.errors : undefined} />
          <SelectField
            label={t('roles.role')}
            name="role"
            defaultValue={values.role ?? 'staff'}
            errors={granting ? result?.errors : undefined}
            options={ROLES.map((role) => ({
              value: role,
              label: ROLE_SCOPE[role] ? t('roles.roleWithScope', { role: t(`roleNames.${role}`), kind: t(`scopeKinds.${ROLE_SCOPE[role]}`) }) : t(`roleNames.${role}`),
            }))}
          />
          <SelectField label={t('roles.scope')} hint={t('roles.scopeHint')} name="scope" defaultValue={values.scope ?? ''} errors={granting ? result?.errors : undefined} options={scopeOptions} />
          <SubmitButton>{t('roles.grant')}</SubmitButton>
        </PostForm>
      </section>

      <section aria-labelledby="current-grants">
        <h2 id="current-grants">{t('roles.currentTitle')}</h2>
        <FormErrors errors={granting ? undefined : result?.errors} />
        <TableScroller>
          <table aria-labelledby="current-grants">
            <thead>
              <tr>
                <th scope="col">{t('roles.person')}</th>
                <th scope="col">{t('roles.role')}</th>
                <th scope="col">{t('roles.scope')}</th>
                <th scope="col">{t('roles.since')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('table.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {grants.map((g) => {
                const role = t(`roleNames.${g.role}`, { defaultValue: g.role });
                const scope = g.scopeName ? localized(g.scopeName, lng).text : null;
                const person = g.user.displayName;
                return (
                  <tr key={g.id}>
                    <th scope="row">
                      {person}
                      {g.user.email ? (
                        <>
                          <br />
                          <span className="muted">{g.user.email}</span>
                        </>
                      ) : null}
                    </th>
                    <td>{role}</td>
                    <td>{g.scopeKind ? `${t(`scopeKinds.${g.scopeKind}`, { defaultValue: g.scopeKind })}: ${scope ?? t('roles.scopeGone')}` : t('roles.cityWide')}</td>
                    <td>
                      {formatDate(g.createdAt, lng, city.timeZone, 'medium')}
                      {g.grantedBy ? (
                        <>
                          <br />
                          <span className="muted">{t('roles.grantedBy', { name: g.grantedBy.displayName })}</span>
                        </>
                      ) : null}
                    </td>
                    <td>
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
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableScroller>
      </section>
    </div>
  );
}
