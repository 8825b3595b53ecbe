import type { MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { pageTitle } from '~/lib/meta';
import { SitePage } from '~/modules/site-pages/components/site-page';
import { sitePageLoader } from '~/modules/site-pages/public-page.server';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'pages:titles.terms');

export const loader = sitePageLoader('terms');

export default function TermsPage() {
  return <SitePage page={useLoaderData<typeof loader>()} />;
}
