import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '~/lib/format';
import { languageList, localized } from '~/lib/i18n';
import { pageTitle } from '~/lib/meta';
import { useRootData } from '~/lib/root-data';
import { getUser } from '~/modules/identity/session.server';
import { listDepartments, listNeighborhoods } from '~/modules/places/queries.server';
import { Badge } from '~/components/ui/badge';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'home.title');

export async function loader({ request }: LoaderFunctionArgs) {
  const [user, neighborhoods, departments] = await Promise.all([getUser(request), listNeighborhoods(), listDepartments()]);
  return json({
    homeId: user?.neighborhoodId ?? null,
    neighborhoods: neighborhoods.map(({ id, slug, name, description, streets, residents }) => ({
      id,
      slug,
      name,
      description,
      streets,
      residents,
    })),
    departments: departments.map(({ id, name }) => ({ id, name })),
  });
}

export default function Home() {
  const { t, i18n } = useTranslation();
  const { city, user } = useRootData();
  const { neighborhoods, departments, homeId } = useLoaderData<typeof loader>();
  const lng = i18n.language;
  return (
    <div className="stack">
      <section className="hero" aria-labelledby="welcome">
        <h1 id="welcome">{t('home.welcome', { city: city.name })}</h1>
        <p>{t('home.intro', { languages: languageList(lng) })}</p>
        {user ? (
          <p>{t('home.signedInAs', { name: user.displayName })}</p>
        ) : (
          <p className="actions">
            <Link className="button" to="/signup">
              {t('layout.signUp')}
            </Link>
            <Link to="/signin">{t('layout.signIn')}</Link>
          </p>
        )}
      </section>

      <section aria-labelledby="neighborhoods">
        <h2 id="neighborhoods">{t('home.neighborhoods')}</h2>
        <ul className="cards">
          {neighborhoods.map((n) => {
            const name = localized(n.name, lng);
            const description = n.description ? localized(n.description, lng) : null;
            return (
              <li key={n.id} className="card">
                <h3>
                  {name.text} {n.id === homeId ? <Badge>{t('home.yourNeighborhood')}</Badge> : null}
                </h3>
                {description?.text ? <p>{description.text}</p> : null}
                {n.streets ? <p className="muted">{t('home.streets', { streets: n.streets })}</p> : null}
                <p className="muted">{t('home.residents', { count: n.residents, formatted: formatNumber(n.residents, lng) })}</p>
              </li>
            );
          })}
        </ul>
      </section>

      <section aria-labelledby="departments">
        <h2 id="departments">{t('home.departments')}</h2>
        <p>{t('home.departmentsIntro')}</p>
        <ul>
          {departments.map((d) => (
            <li key={d.id}>{localized(d.name, lng).text}</li>
          ))}
        </ul>
      </section>
    </div>
  );
}
