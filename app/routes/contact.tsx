import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { Link } from '~/components/link';
import { useTranslation } from 'react-i18next';
import { LocalizedName } from '~/components/admin';
import { DescriptionList } from '~/components/ui/description-list';
import { pageTitle } from '~/lib/meta';
import { getCityContact } from '~/modules/places/queries.server';
import { SitePage } from '~/modules/site-pages/components/site-page';
import { shownSitePage } from '~/modules/site-pages/public-page.server';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'pages:titles.contact');

/** The contact page: the editable text, then the city's details as the admin set them (City settings). */
export async function loader({ request }: LoaderFunctionArgs) {
  const [page, contact] = await Promise.all([shownSitePage('contact', request), getCityContact()]);
  return json({ page, contact });
}

export default function ContactPage() {
  const { t } = useTranslation('pages');
  const { page, contact } = useLoaderData<typeof loader>();
  const items = [
    { key: 'email', term: t('contact.email'), value: contact.email ? <a href={`mailto:${contact.email}`}>{contact.email}</a> : null },
    {
      key: 'phone',
      term: t('contact.phone'),
      value: contact.phone ? <a href={`tel:${contact.phone.replace(/[^+\d]/g, '')}`}>{contact.phone.replace(/ /g, '\u00a0')}</a> : null,
    },
    {
      key: 'address',
      term: t('contact.address'),
      value: contact.address ? <address className="pre-line">{contact.address}</address> : null,
    },
    { key: 'hours', term: t('contact.hours'), value: contact.openingHours ? <LocalizedName value={contact.openingHours} /> : null },
  ];
  const given = items.some((item) => item.value);
  return (
    <SitePage page={page}>
      <section aria-labelledby="contact-details" className="stack">
        <h2 id="contact-details">{t('contact.details')}</h2>
        {given ? <DescriptionList items={items} /> : <p>{t('contact.none')}</p>}
      </section>
      <p>
        <Link to="/requests/new">{t('contact.report')}</Link>
      </p>
    </SitePage>
  );
}
