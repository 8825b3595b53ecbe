import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { pageTitle } from '~/lib/meta';
import { getLocale } from '~/modules/identity/locale.server';
import { TypePicker } from '~/modules/requests/intake/components/type-picker';
import { listPickerTypes } from '~/modules/requests/intake/intake-queries.server';
import { pickerSearch } from '~/modules/requests/intake/intake-form.server';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'requests:picker.title');

/** Step 1 of filing: choose what to report. The search box filters on the server (GET ?q=), so it works without JavaScript. */
export async function loader({ request }: LoaderFunctionArgs) {
  const q = pickerSearch(request);
  const lng = await getLocale(request);
  return json({ q: q ?? '', groups: await listPickerTypes(lng, q) });
}

export default function PickType() {
  const { t } = useTranslation('requests');
  const { q, groups } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <h1>{t('picker.title')}</h1>
      <p>{t('picker.intro')}</p>
      <TypePicker q={q} groups={groups} basePath="/requests/new" />
    </div>
  );
}
