import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { useTranslation } from 'react-i18next';
import { AdminTrail, LocalizedName } from '~/components/admin';
import { FormErrors, PostForm, SubmitButton } from '~/components/forms';
import { TableScroller } from '~/components/table-scroller';
import { redirectWithFlash } from '~/lib/flash.server';
import { formatDateTime } from '~/lib/format';
import { formValues, parseForm } from '~/lib/forms';
import { localized } from '~/lib/i18n';
import { invalid, notFound } from '~/lib/http.server';
import { pageTitle } from '~/lib/meta';
import { requestContext } from '~/lib/request-context.server';
import { useRootData } from '~/lib/root-data';
import { readForm } from '~/lib/security.server';
import { requirePermission } from '~/modules/identity/session.server';
import { changeFields, type FieldChange } from '~/modules/requests/catalog.server';
import { FieldListActionSchema, parseFieldForm, type FieldDefinition } from '~/modules/requests/catalog-schemas';
import { FieldEditor } from '~/modules/requests/components/catalog-forms';
import { getRequestType } from '~/modules/requests/queries.server';

export const meta: MetaFunction = ({ matches, data }) => {
  const root = matches.find((m) => m.id === 'root')?.data as { locale?: string } | undefined;
  const name = localized((data as { type?: { name: unknown } } | undefined)?.type?.name, root?.locale ?? 'en').text;
  return pageTitle(matches, 'requests:fields.title', { name });
};

async function load(id: string | undefined) {
  const type = id ? await getRequestType(id) : null;
  if (!type) throw notFound();
  return type;
}

const VersionParam = z.preprocess((v) => (v === null || v === '' ? undefined : v), z.coerce.number().int().min(1).max(1_000_000).optional());

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, 'manage:request-type');
  const type = await load(params.id);
  const asked = VersionParam.safeParse(new URL(request.url).searchParams.get('version'));
  if (!asked.success) throw json({ error: 'badRequest' }, { status: 400 });
  const shown = type.versions.find((v) => v.version === (asked.data ?? type.currentVersion));
  if (!shown) throw notFound();
  return json({
    type: { id: type.id, code: type.code, name: type.name, currentVersion: type.currentVersion },
    shown: { version: shown.version, fields: shown.fields, current: shown.version === type.currentVersion },
    versions: type.versions.map((v) => ({ version: v.version, createdAt: v.createdAt, createdBy: v.createdBy, count: v.fields.length })),
  });
}

const IntentSchema = z.object({ intent: z.enum(['add', 'up', 'down', 'remove']) });
const FLASH: Record<FieldChange['op'] | 'unchanged', string> = {
  add: 'requests:fields.added',
  update: 'requests:fields.savedField',
  remove: 'requests:fields.removed',
  move: 'requests:fields.moved',
  unchanged: 'requests:fields.unchanged',
};

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, 'manage:request-type');
  const { id } = await load(params.id);
  const formData = await readForm(request);
  const actor = { userId: user.id, requestId: requestContext(context).requestId };
  const intent = parseForm(IntentSchema, formData);
  if (!intent.ok) return invalid(intent);
  let basedOn: number;
  let change: FieldChange;
  if (intent.data.intent === 'add') {
    const form = parseFieldForm(formData);
    if (!form.ok) return invalid(form);
    basedOn = form.data.version;
    change = { op: 'add', field: form.data.field };
  } else {
    const form = parseForm(FieldListActionSchema, formData);
    if (!form.ok) return invalid(form);
    basedOn = form.data.version;
    const { key } = form.data;
    change = form.data.intent === 'remove' ? { op: 'remove', key } : { op: 'move', key, direction: form.data.intent };
  }
  const result = await changeFields(actor, id, basedOn, change);
  if (!result.ok) return invalid({ ...result, values: formValues(formData) });
  const key = result.changed ? FLASH[change.op] : FLASH.unchanged;
  return redirectWithFlash(`/admin/request-types/${id}/fields`, { kind: 'success', key, values: { version: result.version } }, { status: 303 });
}

function FieldsTable({ fields, editable, typeId, version }: { fields: FieldDefinition[]; editable: boolean; typeId: string; version: number }) {
  const { t, i18n } = useTranslation('requests');
  return (
    <TableScroller>
      <table>
        <caption className="visually-hidden">{t('fields.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('fields.order')}</th>
            <th scope="col">{t('fields.label')}</th>
            <th scope="col">{t('fields.key')}</th>
            <th scope="col">{t('fields.kind')}</th>
            <th scope="col">{t('fields.options')}</th>
            {editable ? (
              <th scope="col">
                <span className="visually-hidden">{t('admin:table.actions')}</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {fields.map((f, i) => {
            const label = localized(f.label, i18n.language).text;
            const small = (intent: 'up' | 'down' | 'remove', text: string, disabled = false) => (
              <PostForm className="inline-form">
                <input type="hidden" name="version" value={version} />
                <input type="hidden" name="key" value={f.key} />
                <input type="hidden" name="intent" value={intent} />
                <button type="submit" className={`button button-small${intent === 'remove' ? ' button-danger' : ' button-secondary'}`} disabled={disabled}>
                  {text}
                  <span className="visually-hidden">: {label}</span>
                </button>
              </PostForm>
            );
            return (
              <tr key={f.key}>
                <td>{f.order}</td>
                <th scope="row">
                  <LocalizedName value={f.label} />
                  <br />
                  <span className="muted">{f.required ? t('fields.required') : t('fields.optional')}</span>
                </th>
                <td>
                  <code>{f.key}</code>
                </td>
                <td>{t(`fieldKinds.${f.kind}`)}</td>
                <td>{f.options?.length ? f.options.map((o) => localized(o.label, i18n.language).text).join(', ') : '—'}</td>
                {editable ? (
                  <td>
                    <div className="row-actions">
                      <Link to={`/admin/request-types/${typeId}/fields/${f.key}`}>
                        {t('fields.edit')}
                        <span className="visually-hidden">: {label}</span>
                      </Link>
                      {small('up', t('fields.moveUp'), i === 0)}
                      {small('down', t('fields.moveDown'), i === fields.length - 1)}
                      {small('remove', t('fields.remove'))}
                    </div>
                  </td>
                ) : null}
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableScroller>
  );
}

export default function RequestTypeFieldsPage() {
  const { t, i18n } = useTranslation('requests');
  const { city } = useRootData();
  const { type, shown, versions } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const adding = result?.values?.intent === 'add';
  const base = `/admin/request-types/${type.id}`;
  return (
    <div className="stack">
      <AdminTrail
        items={[
          { to: '/admin/request-types', label: t('catalog.title') },
          { to: base, label: localized(type.name, i18n.language).text },
        ]}
      />
      <h1>{t('fields.title', { name: localized(type.name, i18n.language).text })}</h1>
      <p>{t('fields.intro')}</p>
      <FormErrors errors={adding ? undefined : result?.errors} />

      <section aria-labelledby="fields-shown" className="stack">
        <h2 id="fields-shown">{shown.current ? t('fields.current', { version: shown.version }) : t('fields.oldVersion', { version: shown.version })}</h2>
        {!shown.current ? (
          <p>
            <Link to={`${base}/fields`}>{t('fields.backToCurrent')}</Link>
          </p>
        ) : null}
        {shown.fields.length ? <FieldsTable fields={shown.fields} editable={shown.current} typeId={type.id} version={shown.version} /> : <p>{t('fields.none')}</p>}
      </section>

      {shown.current ? (
        <section aria-labelledby="add-field">
          <h2 id="add-field">{t('fields.add')}</h2>
          <PostForm noValidate>
            <FormErrors errors={adding ? result?.errors : undefined} />
            <input type="hidden" name="intent" value="add" />
            <input type="hidden" name="version" value={type.currentVersion} />
            <FieldEditor values={adding ? result!.values : { kind: 'text' }} errors={adding ? result?.errors : undefined} />
            <SubmitButton>{t('fields.addSubmit')}</SubmitButton>
          </PostForm>
        </section>
      ) : null}

      <section aria-labelledby="field-versions">
        <h2 id="field-versions">{t('fields.history')}</h2>
        <p>{t('fields.historyIntro')}</p>
        <ul>
          {versions.map((v) => {
            const text = t('fields.versionItem', { version: v.version, count: v.count, date: formatDateTime(v.createdAt, i18n.language, city.timeZone) });
            return (
              <li key={v.version}>
                {v.version === shown.version ? <strong>{text}</strong> : <Link to={`${base}/fields?version=${v.version}`}>{text}</Link>}
                {v.createdBy ? ` ${t('fields.versionBy', { name: v.createdBy })}` : null}
                {v.version === type.currentVersion ? ` (${t('fields.currentVersion')})` : null}
              </li>
            );
          })}
        </ul>
      </section>
    </div>
  );
}
