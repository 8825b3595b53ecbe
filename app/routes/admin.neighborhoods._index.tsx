import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '~/lib/format';
import { pageTitle } from '~/lib/meta';
import { requirePermission } from '~/modules/identity/guards.server';
import { createPlace } from '~/modules/places/admin-routes.server';
import { PlaceListPage } from '~/modules/places/components/place-admin';
import { NeighborhoodForm } from '~/modules/places/components/place-fields';
import { saveNeighborhood } from '~/modules/places/places.server';
import { listNeighborhoods } from '~/modules/places/queries.server';
import { NeighborhoodSchema } from '~/modules/places/schemas';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'admin:neighborhoods.title');

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'manage:city');
  const neighborhoods = await listNeighborhoods();
  return json({ neighborhoods: neighborhoods.map(({ id, slug, name, residents }) => ({ id, slug, name, residents })) });
}

export async function action(args: ActionFunctionArgs) {
  return createPlace(args, 'neighborhoods', NeighborhoodSchema, saveNeighborhood);
}

export default function AdminNeighborhoods() {
  const { t, i18n } = useTranslation('admin');
  const { neighborhoods } = useLoaderData<typeof loader>();
  return (
    <PlaceListPage
      kind="neighborhoods"
      rows={neighborhoods}
      columns={[{ key: 'residents', header: t('neighborhoods.residents'), cell: (n) => formatNumber(n.residents, i18n.language) }]}
    >
      <p>{t('neighborhoods.newIntro')}</p>
      <NeighborhoodForm lastResult={useActionData<typeof action>()} submit={t('neighborhoods.create')} />
    </PlaceListPage>
  );
}
