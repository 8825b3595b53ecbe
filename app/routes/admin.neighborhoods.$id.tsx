import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { replyFor } from '~/components/ui/forms';
import { formatNumber } from '~/lib/format';
import { pageTitle } from '~/lib/meta';
import { requirePermission } from '~/modules/identity/guards.server';
import { editPlace, loadPlace } from '~/modules/places/admin-routes.server';
import { PlaceEditPage } from '~/modules/places/components/place-admin';
import { NeighborhoodForm } from '~/modules/places/components/place-fields';
import { deleteNeighborhood, saveNeighborhood } from '~/modules/places/places.server';
import { getNeighborhood } from '~/modules/places/queries.server';
import { NeighborhoodActionSchema } from '~/modules/places/schemas';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'admin:neighborhoods.editTitle');

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, 'manage:city');
  return json({ neighborhood: await loadPlace(getNeighborhood, params.id) });
}

export async function action(args: ActionFunctionArgs) {
  return editPlace(args, 'neighborhoods', NeighborhoodActionSchema, getNeighborhood, saveNeighborhood, deleteNeighborhood);
}

export default function EditNeighborhood() {
  const { t, i18n } = useTranslation('admin');
  const { neighborhood: n } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <PlaceEditPage
      kind="neighborhoods"
      name={n.name}
      lastResult={lastResult}
      deleteIntro={
        n.residents > 0
          ? t('neighborhoods.deleteBlocked', { count: n.residents, formatted: formatNumber(n.residents, i18n.language) })
          : undefined
      }
    >
      <NeighborhoodForm
        editing
        lastResult={replyFor(lastResult, 'save')}
        defaultValue={{ slug: n.slug, name: n.name, description: n.description ?? {}, streets: n.streets ?? '' }}
        submit={t('neighborhoods.save')}
      />
    </PlaceEditPage>
  );
}
