import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { LocalizedName } from '~/components/admin';
import { Card } from '~/components/card';
import { DataTable } from '~/components/data-table';
import { pageTitle } from '~/lib/meta';
import { staffDirectory } from '~/modules/identity/queries.server';
import { requirePermission } from '~/modules/identity/guards.server';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'admin:staff.title');

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, 'read:staff-directory');
  return json(await staffDirectory(user));
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

export default function StaffDirectory() {
  const { t } = useTranslation('admin');
  const { departments, channels, groups, staff, admins } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <h1>{t('staff.title')}</h1>
      <p>{t('staff.intro')}</p>

      <Card title={t('staff.departments')} id="staff-departments">
        <DataTable
          labelledBy="staff-departments"
          rows={departments}
          rowKey={(d) => d.id}
          columns={[
            { key: 'name', header: t('staff.department'), rowHeader: true, cell: (d) => <LocalizedName value={d.name} /> },
            { key: 'email', header: t('staff.contact'), cell: (d) => <a href={`mailto:${d.email}`}>{d.email}</a> },
            { key: 'liaisons', header: t('staff.liaisons'), cell: (d) => <People people={d.liaisons} none={t('staff.noLiaison')} /> },
          ]}
        />
      </Card>

      <Card title={t('staff.channels')} id="staff-channels">
        <DataTable
          labelledBy="staff-channels"
          rows={channels}
          rowKey={(c) => c.id}
          columns={[
            { key: 'name', header: t('staff.channel'), rowHeader: true, cell: (c) => <LocalizedName value={c.name} /> },
            {
              key: 'moderators',
              header: t('staff.moderators'),
              cell: (c) => <People people={c.moderators} none={t('staff.noModerator')} />,
            },
          ]}
        />
      </Card>

      <Card title={t('staff.groups')} id="staff-groups">
        <DataTable
          labelledBy="staff-groups"
          rows={groups}
          rowKey={(g) => g.id}
          empty={t('staff.noGroups')}
          columns={[
            { key: 'name', header: t('staff.group'), rowHeader: true, cell: (g) => g.name },
            { key: 'captains', header: t('staff.captains'), cell: (g) => <People people={g.captains} none={t('staff.noCaptain')} /> },
          ]}
        />
      </Card>

      <Card title={t('staff.cityStaff')} id="staff-city">
        <People people={staff} none={t('staff.noStaff')} />
      </Card>

      <Card title={t('staff.admins')} id="staff-admins">
        <People people={admins} none={t('staff.noAdmins')} />
      </Card>
    </div>
  );
}
