import { Link } from '~/components/link';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { AdminTrail, DeleteZone, LocalizedName } from '~/components/admin';
import { Card } from '~/components/ui/card';
import { DataTable, type Column } from '~/components/ui/data-table';
import { replyFor } from '~/components/ui/forms';
import { localized } from '~/lib/i18n';

/** The kinds of place an admin manages; each names its pages (`/admin/<kind>`) and strings (`admin:<kind>.…`). */
export type PlaceKind = 'departments' | 'neighborhoods';

/**
 * The list page of a kind of place: a table (name, slug, the kind's own columns, an edit link)
 * and the form that creates one (`children`).
 */
export function PlaceListPage<Row extends { id: string; slug: string; name: unknown }>({
  kind,
  rows,
  columns,
  children,
}: {
  kind: PlaceKind;
  rows: Row[];
  columns: Column<Row>[];
  children: ReactNode;
}) {
  const { t, i18n } = useTranslation('admin');
  return (
    <div className="stack">
      <AdminTrail />
      <h1>{t(`${kind}.title`)}</h1>
      <p>{t(`${kind}.intro`)}</p>
      <DataTable
        caption={t(`${kind}.tableCaption`)}
        captionHidden
        rows={rows}
        rowKey={(row) => row.id}
        empty={t(`${kind}.empty`)}
        columns={[
          { key: 'name', header: t('fields.name'), rowHeader: true, cell: (row) => <LocalizedName value={row.name} /> },
          { key: 'slug', header: t('fields.slug'), cell: (row) => row.slug },
          ...columns,
          {
            key: 'edit',
            header: t('table.actions'),
            headerHidden: true,
            cell: (row) => (
              <Link to={`/admin/${kind}/${row.id}`}>
                {t('table.edit')}
                <span className="visually-hidden"> {localized(row.name, i18n.language).text}</span>
              </Link>
            ),
          },
        ]}
      />
      <Card title={t(`${kind}.new`)}>{children}</Card>
    </div>
  );
}

/** The edit page of a place: its form (`children`) and the delete zone (`deleteIntro`, or the kind's). */
export function PlaceEditPage({
  kind,
  name,
  deleteIntro,
  lastResult,
  children,
}: {
  kind: PlaceKind;
  name: unknown;
  deleteIntro?: string;
  lastResult: unknown;
  children: ReactNode;
}) {
  const { t } = useTranslation('admin');
  return (
    <div className="stack">
      <AdminTrail items={[{ to: `/admin/${kind}`, label: t(`${kind}.title`) }]} />
      <h1>
        {t(`${kind}.editTitle`)}: <LocalizedName value={name} />
      </h1>
      {children}
      <DeleteZone
        title={t(`${kind}.deleteTitle`)}
        intro={deleteIntro ?? t(`${kind}.deleteIntro`)}
        submit={t(`${kind}.delete`)}
        lastResult={replyFor(lastResult, 'delete')}
      />
    </div>
  );
}
