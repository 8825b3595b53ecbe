import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { Link } from '~/components/link';
import { z } from 'zod';
import { useTranslation } from 'react-i18next';
import { LocalizedName } from '~/components/admin';
import { Card } from '~/components/ui/card';
import { DataTable } from '~/components/ui/data-table';
import { FormErrors, PostForm, replyFor } from '~/components/ui/forms';
import { callerFor } from '~/lib/caller.server';
import { redirectWithFlash } from '~/lib/flash.server';
import { formatDateTime } from '~/lib/format';
import { localized } from '~/lib/i18n';
import { pageTitle } from '~/lib/meta';
import { refuse, replyForm, respondToForm } from '~/lib/respond.server';
import { fail } from '~/lib/result';
import { useRootData } from '~/lib/root-data';
import { readSubmission } from '~/lib/submission.server';
import { useSchemaForm } from '~/lib/use-schema-form';
import { requirePermission } from '~/modules/identity/guards.server';
import { changeFields, type FieldChange } from '~/modules/requests/catalog/catalog.server';
import { FieldEditorForm, RequestTypeTrail } from '~/modules/requests/catalog/components/catalog-forms';
import { FieldListActionSchema, type FieldDefinition } from '~/modules/requests/catalog/schemas';
import { getRequestType } from '~/modules/requests/catalog/queries.server';

export const meta: MetaFunction = ({ matches, data }) => {
  const root = matches.find((m) => m.id === 'root')?.data as { locale?: string } | undefined;
  const name = localized((data as { type?: { name: unknown } } | undefined)?.type?.name, root?.locale ?? 'en').text;
  return pageTitle(matches, 'requests:fields.title', { name });
};

async function load(id: string | undefined) {
  const type = id ? await getRequestType(id) : null;
  if (!type) throw refuse(fail.notFound());
  return type;
}

const VersionParam = z.preprocess(
  (v) => (v === null || v === '' ? undefined : v),
  z.coerce.number().int().min(1).max(1_000_000).optional(),
);

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, 'manage:request-type');
  const type = await load(params.id);
  const asked = VersionParam.safeParse(new URL(request.url).searchParams.get('version'));
  if (!asked.success) throw json({ error: 'badRequest' }, { status: 400 });
  const shown = type.versions.find((v) => v.version === (asked.data ?? type.currentVersion));
  if (!shown) throw refuse(fail.notFound());
  return json({
    type: { id: type.id, code: type.code, name: type.name, currentVersion: type.currentVersion },
    shown: { version: shown.version, fields: shown.fields, current: shown.version === type.currentVersion },
    versions: type.versions.map((v) => ({ version: v.version, createdAt: v.createdAt, createdBy: v.createdBy, count: v.fields.length })),
  });
}

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
  const submission = await readSubmission(request, FieldListActionSchema);
  if (submission.status !== 'success') return replyForm(submission);
  const value = submission.value;
  const change: FieldChange =
    value.intent === 'add'
      ? { op: 'add', field: value.field }
      : value.intent === 'remove'
        ? { op: 'remove', key: value.key }
        : { op: 'move', key: value.key, direction: value.intent };
  const result = await changeFields(callerFor(user, context), id, value.version, change);
  if (!result.ok) return respondToForm(submission, result);
  const key = result.value.changed ? FLASH[change.op] : FLASH.unchanged;
  return redirectWithFlash(
    `/admin/request-types/${id}/fields`,
    { kind: 'success', key, values: { version: result.value.version } },
    { status: 303 },
  );
}

/** One of a row's small forms: move the field up or down, or remove it. */
function RowAction({
  intent,
  text,
  label,
  version,
  fieldKey,
  disabled,
}: {
  intent: 'up' | 'down' | 'remove';
  text: string;
  label: string;
  version: number;
  fieldKey: string;
  disabled?: boolean;
}) {
  return (
    <PostForm className="inline-form">
      <input type="hidden" name="version" value={version} />
      <input type="hidden" name="key" value={fieldKey} />
      <input type="hidden" name="intent" value={intent} />
      <button
        type="submit"
        className={`button button-small${intent === 'remove' ? ' button-danger' : ' button-secondary'}`}
        disabled={disabled}
      >
        {text}
        <span className="visually-hidden">: {label}</span>
      </button>
    </PostForm>
  );
}

function FieldsTable({
  fields,
  editable,
  typeId,
  version,
}: {
  fields: FieldDefinition[];
  editable: boolean;
  typeId: string;
  version: number;
}) {
  const { t, i18n } = useTranslation('requests');
  const name = (value: unknown) => localized(value, i18n.language).text;
  return (
    <DataTable
      caption={t('fields.caption')}
      captionHidden
      rows={fields}
      rowKey={(f) => f.key}
      empty={t('fields.none')}
      columns={[
        { key: 'order', header: t('fields.order'), cell: (f) => f.order },
        {
          key: 'label',
          header: t('fields.label'),
          rowHeader: true,
          cell: (f) => (
            <>
              <LocalizedName value={f.label} />
              <br />
              <span className="muted">{f.required ? t('fields.required') : t('fields.optional')}</span>
            </>
          ),
        },
        { key: 'key', header: t('fields.key'), cell: (f) => <code>{f.key}</code> },
        { key: 'kind', header: t('fields.kind'), cell: (f) => t(`fieldKinds.${f.kind}`) },
        {
          key: 'options',
          header: t('fields.options'),
          cell: (f) => (f.options?.length ? f.options.map((o) => name(o.label)).join(', ') : '—'),
        },
        ...(editable
          ? [
              {
                key: 'actions',
                header: t('admin:table.actions'),
                headerHidden: true,
                cell: (f: FieldDefinition) => {
                  const i = fields.indexOf(f);
                  const common = { version, fieldKey: f.key, label: name(f.label) };
                  return (
                    <div className="row-actions">
                      <Link to={`/admin/request-types/${typeId}/fields/${f.key}`}>
                        {t('fields.edit')}
                        <span className="visually-hidden">: {name(f.label)}</span>
                      </Link>
                      <RowAction intent="up" text={t('fields.moveUp')} disabled={i === 0} {...common} />
                      <RowAction intent="down" text={t('fields.moveDown')} disabled={i === fields.length - 1} {...common} />
                      <RowAction intent="remove" text={t('fields.remove')} {...common} />
                    </div>
                  );
                },
              },
            ]
          : []),
      ]}
    />
  );
}

export default function RequestTypeFieldsPage() {
  const { t, i18n } = useTranslation('requests');
  const { city } = useRootData();
  const { type, shown, versions } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const adding = replyFor(lastResult, 'add');
  // A refused move or removal (someone saved another version meanwhile) is told above the table.
  const [listForm] = useSchemaForm(FieldListActionSchema, { lastResult: adding ? undefined : lastResult, id: 'field-list' });
  const base = `/admin/request-types/${type.id}`;
  return (
    <div className="stack">
      <RequestTypeTrail type={type} />
      <h1>{t('fields.title', { name: localized(type.name, i18n.language).text })}</h1>
      <p>{t('fields.intro')}</p>
      <FormErrors form={listForm} />

      <Card title={shown.current ? t('fields.current', { version: shown.version }) : t('fields.oldVersion', { version: shown.version })}>
        {!shown.current ? (
          <p>
            <Link to={`${base}/fields`}>{t('fields.backToCurrent')}</Link>
          </p>
        ) : null}
        <FieldsTable fields={shown.fields} editable={shown.current} typeId={type.id} version={shown.version} />
      </Card>

      {shown.current ? (
        <Card title={t('fields.add')}>
          <FieldEditorForm
            lastResult={adding}
            defaultValue={{ kind: 'text' }}
            version={type.currentVersion}
            submit={t('fields.addSubmit')}
          />
        </Card>
      ) : null}

      <Card title={t('fields.history')}>
        <p>{t('fields.historyIntro')}</p>
        <ul>
          {versions.map((v) => {
            const text = t('fields.versionItem', {
              version: v.version,
              count: v.count,
              date: formatDateTime(v.createdAt, i18n.language, city.timeZone),
            });
            return (
              <li key={v.version}>
                {v.version === shown.version ? <strong>{text}</strong> : <Link to={`${base}/fields?version=${v.version}`}>{text}</Link>}
                {v.createdBy ? ` ${t('fields.versionBy', { name: v.createdBy })}` : null}
                {v.version === type.currentVersion ? ` (${t('fields.currentVersion')})` : null}
              </li>
            );
          })}
        </ul>
      </Card>
    </div>
  );
}
