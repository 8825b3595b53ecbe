import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { LocalizedName } from '~/components/admin';
import { pageTitle } from '~/lib/meta';
import { staffDirectory } from '~/modules/identity/queries.server';
import { requirePermission } from '~/modules/identity/session.server';
import { TableScroller } from '~/components/table-scroller';

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

      <section aria-labelledby="staff-departments">
        <h2 id="staff-departments">{t('staff.departments')}</h2>
        <TableScroller>
          <table aria-labelledby="staff-departments">
            <thead>
              <tr>
                <th scope="col">{t('staff.department')}</th>
                <th scope="col">{t('staff.contact')}</th>
                <th scope="col">{t('staff.liaisons')}</th>
              </tr>
            </thead>
            <tbody>
              {departments.map((d) => (
                <tr key={d.id}>
                  <th scope="row">
                    <LocalizedName value={d.name} />
                  </th>
                  <td>
                    <a href={`mailto:${d.email}`}>{d.email}</a>
                  </td>
                  <td>
                    <People people={d.liaisons} none={t('staff.noLiaison')} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroller>
      </section>

      <section aria-labelledby="staff-channels">
        <h2 id="staff-channels">{t('staff.channels')}</h2>
        <TableScroller>
          <table aria-labelledby="staff-channels">
            <thead>
              <tr>
                <th scope="col">{t('staff.channel')}</th>
                <th scope="col">{t('staff.moderators')}</th>
              </tr>
            </thead>
            <tbody>
              {channels.map((c) => (
                <tr key={c.id}>
                  <th scope="row">
                    <LocalizedName value={c.name} />
                  </th>
                  <td>
                    <People people={c.moderators} none={t('staff.noModerator')} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroller>
      </section>

      <section aria-labelledby="staff-groups">
        <h2 id="staff-groups">{t('staff.groups')}</h2>
        <TableScroller>
          <table aria-labelledby="staff-groups">
            <thead>
              <tr>
                <th scope="col">{t('staff.group')}</th>
                <th scope="col">{t('staff.captains')}</th>
              </tr>
            </thead>
            <tbody>
              {groups.map((g) => (
                <tr key={g.id}>
                  <th scope="row">{g.name}</th>
                  <td>
                    <People people={g.captains} none={t('staff.noCaptain')} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroller>
        {groups.length === 0 ? <p>{t('staff.noGroups')}</p> : null}
      </section>

      <section aria-labelledby="staff-city">
        <h2 id="staff-city">{t('staff.cityStaff')}</h2>
        <People people={staff} none={t('staff.noStaff')} />
      </section>

      <section aria-labelledby="staff-admins">
        <h2 id="staff-admins">{t('staff.admins')}</h2>
        <People people={admins} none={t('staff.noAdmins')} />
      </section>
    </div>
  );
}
