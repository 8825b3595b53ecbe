import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { Link } from '~/components/link';
import { useTranslation } from 'react-i18next';
import { pageTitle } from '~/lib/meta';
import { refuse } from '~/lib/respond.server';
import { fail } from '~/lib/result';
import { adminSections } from '~/modules/identity/policy';
import { requireUser } from '~/modules/identity/guards.server';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'admin:index.title');

/** The admin area's front page: only the sections this user may use. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const sections = adminSections(user);
  if (!sections.length) throw refuse(fail.forbidden());
  return json({ sections: sections.map((s) => ({ id: s.id, path: s.path })) });
}

export default function AdminIndex() {
  const { t } = useTranslation('admin');
  const { sections } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <h1>{t('index.title')}</h1>
      <p>{t('index.intro')}</p>
      <ul className="section-list">
        {sections.map((s) => (
          <li key={s.id} className="card">
            <Link to={s.path}>{t(`${s.id}.title`)}</Link>
            <p className="muted">{t(`${s.id}.summary`)}</p>
          </li>
        ))}
      </ul>
    </div>
  );
}
