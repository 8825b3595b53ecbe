import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { parseObject } from '~/lib/forms';
import { pageTitle } from '~/lib/meta';
import { getLocale } from '~/modules/identity/locale.server';
import { PickerSearchSchema } from '~/modules/requests/intake-schemas';
import { listPickerTypes } from '~/modules/requests/request-queries.server';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'requests:picker.title');

/** Step 1 of filing: choose what to report. The search box filters on the server (GET ?q=), so it works without JavaScript. */
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const search = parseObject(PickerSearchSchema, { q: url.searchParams.get('q') ?? undefined });
  const q = search.ok ? search.data.q : undefined;
  const lng = await getLocale(request);
  return json({ q: q ?? '', groups: await listPickerTypes(lng, q) });
}

export default function PickType() {
  const { t } = useTranslation('requests');
  const { q, groups } = useLoaderData<typeof loader>();
  const count = groups.reduce((n, g) => n + g.types.length, 0);
  return (
    <div className="stack">
      <h1>{t('picker.title')}</h1>
      <p>{t('picker.intro')}</p>
      <Form method="get" role="search" className="filters" aria-label={t('picker.searchLabel')}>
        <div className="field">
          <label htmlFor="picker-q">{t('picker.search')}</label>
          <p className="hint" id="picker-q-hint">
            {t('picker.searchHint')}
          </p>
          <input id="picker-q" type="search" name="q" defaultValue={q} maxLength={100} aria-describedby="picker-q-hint" />
        </div>
        <button type="submit" className="button">
          {t('picker.searchSubmit')}
        </button>
        {q ? <Link to="/requests/new">{t('picker.clear')}</Link> : null}
      </Form>
      <p role="status">{q ? t('picker.found', { count }) : null}</p>
      {count === 0 ? <p>{t('picker.none')}</p> : null}
      {groups.map((group) => (
        <section key={group.group} aria-labelledby={`group-${group.group}`}>
          <h2 id={`group-${group.group}`}>{t(`groups.${group.group}`)}</h2>
          <ul className="cards">
            {group.types.map((type) => (
              <li key={type.code} className="card">
                <h3>
                  <Link to={`/requests/new/${type.code}`} lang={type.name.fellBack ? type.name.lang : undefined}>
                    {type.name.text}
                  </Link>
                </h3>
                <p lang={type.description.fellBack ? type.description.lang : undefined}>{type.description.text}</p>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
