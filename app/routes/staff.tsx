import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import type { ReactNode } from 'react';
import { json } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { Link } from '~/components/link';
import { useTranslation } from 'react-i18next';
import { LocalizedName } from '~/components/admin';
import { Card } from '~/components/ui/card';
import type { Column } from '~/components/ui/data-table';
import { DataTable } from '~/components/ui/data-table';
import { pageTitle } from '~/lib/meta';
import { staffDirectory } from '~/modules/identity/queries.server';
import { requirePermission } from '~/modules/identity/guards.server';
import { can } from '~/modules/identity/policy';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'admin:staff.title');

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, 'read:staff-directory');
  return json({
    ...(await staffDirectory(user)),
    surveys: can(user, 'manage:survey'),
    blockWatch: can(user, 'lead:group'),
    budgets: can(user, 'manage:budget'),
  });
}

type Person = { displayName: string; email: string | null };

function People({ people, none }: { people: Person[]; none: string }) {
  if (!people.length) return <span className="muted">{none}</span>;
  return (
    <ul className="people">
      {people.map((p) => (
        <li key={`${p.displayName}-${p.email}`}>
          {p.displayName}
          {p.email ? (
            <>
              {' — '}
              <a href={`mailto:${p.email}`}>{p.email}</a>
            </>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

/**
 * A titled table of the directory (its heading names the table): who or what in the first column,
 * then any other columns, then the people to contact.
 */
function DirectoryTable<Row extends { id: string }>({
  id,
  title,
  rows,
  empty,
  nameHeader,
  name,
  more = [],
  peopleHeader,
  people,
  none,
}: {
  id: string;
  title: string;
  rows: Row[];
  empty?: string;
  nameHeader: string;
  name: (row: Row) => ReactNode;
  more?: Column<Row>[];
  peopleHeader: string;
  people: (row: Row) => Person[];
  none: string;
}) {
  return (
    <Card title={title} id={id}>
      <DataTable
        labelledBy={id}
        rows={rows}
        rowKey={(row) => row.id}
        empty={empty}
        columns={[
          { key: 'name', header: nameHeader, rowHeader: true, cell: name },
          ...more,
          { key: 'people', header: peopleHeader, cell: (row) => <People people={people(row)} none={none} /> },
        ]}
      />
    </Card>
  );
}

export default function StaffDirectory() {
  const { t } = useTranslation('admin');
  const { departments, channels, groups, staff, admins, surveys, blockWatch, budgets } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <h1>{t('staff.title')}</h1>
      <p>{t('staff.intro')}</p>
      {surveys ? (
        <p>
          <Link to="/staff/surveys">{t('surveys:builder.list.title')}</Link>
        </p>
      ) : null}
      {blockWatch ? (
        <p>
          <Link to="/staff/groups">{t('blockwatch:staff.title')}</Link>
        </p>
      ) : null}
      {budgets ? (
        <p>
          <Link to="/staff/budgets">{t('budgets:staff.title')}</Link>
        </p>
      ) : null}

      <DirectoryTable
        id="staff-departments"
        title={t('staff.departments')}
        rows={departments}
        nameHeader={t('staff.department')}
        name={(d) => <LocalizedName value={d.name} />}
        more={[{ key: 'email', header: t('staff.contact'), cell: (d) => <a href={`mailto:${d.email}`}>{d.email}</a> }]}
        peopleHeader={t('staff.liaisons')}
        people={(d) => d.liaisons}
        none={t('staff.noLiaison')}
      />

      <DirectoryTable
        id="staff-channels"
        title={t('staff.channels')}
        rows={channels}
        nameHeader={t('staff.channel')}
        name={(c) => <LocalizedName value={c.name} />}
        peopleHeader={t('staff.moderators')}
        people={(c) => c.moderators}
        none={t('staff.noModerator')}
      />

      <DirectoryTable
        id="staff-groups"
        title={t('staff.groups')}
        rows={groups}
        empty={t('staff.noGroups')}
        nameHeader={t('staff.group')}
        name={(g) => g.name}
        peopleHeader={t('staff.captains')}
        people={(g) => g.captains}
        none={t('staff.noCaptain')}
      />

      <Card title={t('staff.cityStaff')} id="staff-city">
        <People people={staff} none={t('staff.noStaff')} />
      </Card>

      <Card title={t('staff.admins')} id="staff-admins">
        <People people={admins} none={t('staff.noAdmins')} />
      </Card>
    </div>
  );
}
