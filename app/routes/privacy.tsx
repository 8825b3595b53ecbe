import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { pageTitle } from '~/lib/meta';
import { SitePage } from '~/modules/site-pages/components/site-page';
import { shownSitePage } from '~/modules/site-pages/public-page.server';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'pages:titles.privacy');

export async function loader({ request }: LoaderFunctionArgs) {
  return json(await shownSitePage('privacy', request));
}

export default function PrivacyPage() {
  return <SitePage page={useLoaderData<typeof loader>()} />;
}
