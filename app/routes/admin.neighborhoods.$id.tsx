import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { AdminTrail, DeleteZone, LocalizedName } from '~/components/admin';
import { replyFor } from '~/components/forms';
import { callerFor } from '~/lib/caller.server';
import { redirectWithFlash } from '~/lib/flash.server';
import { formatNumber } from '~/lib/format';
import { pageTitle } from '~/lib/meta';
import { refuse, replyForm, respondToForm } from '~/lib/respond.server';
import { fail } from '~/lib/result';
import { readSubmission } from '~/lib/submission.server';
import { requirePermission } from '~/modules/identity/guards.server';
import { NeighborhoodForm } from '~/modules/places/components/place-fields';
import { deleteNeighborhood, saveNeighborhood } from '~/modules/places/places.server';
import { getNeighborhood } from '~/modules/places/queries.server';
import { NeighborhoodActionSchema } from '~/modules/places/schemas';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'admin:neighborhoods.editTitle');

async function load(id: string | undefined) {
  const neighborhood = id ? await getNeighborhood(id) : null;
  if (!neighborhood) throw refuse(fail.notFound());
  return neighborhood;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, 'manage:city');
  return json({ neighborhood: await load(params.id) });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, 'manage:city');
  const { id } = await load(params.id);
  const submission = await readSubmission(request, NeighborhoodActionSchema);
  if (submission.status !== 'success') return replyForm(submission);
  const caller = callerFor(user, context);
  const value = submission.value;
  const result = value.intent === 'delete' ? await deleteNeighborhood(caller, id) : await saveNeighborhood(caller, id, value);
  if (!result.ok) return respondToForm(submission, result);
  const key = value.intent === 'delete' ? 'admin:neighborhoods.deleted' : 'admin:neighborhoods.saved';
  return redirectWithFlash('/admin/neighborhoods', { kind: 'success', key }, { status: 303 });
}

export default function EditNeighborhood() {
  const { t, i18n } = useTranslation('admin');
  const { neighborhood: n } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <div className="stack">
      <AdminTrail items={[{ to: '/admin/neighborhoods', label: t('neighborhoods.title') }]} />
      <h1>
        {t('neighborhoods.editTitle')}: <LocalizedName value={n.name} />
      </h1>
      <NeighborhoodForm
        editing
        lastResult={replyFor(lastResult, 'save')}
        defaultValue={{ slug: n.slug, name: n.name, description: n.description ?? {}, streets: n.streets ?? '' }}
        submit={t('neighborhoods.save')}
      />
      <DeleteZone
        title={t('neighborhoods.deleteTitle')}
        intro={
          n.residents > 0
            ? t('neighborhoods.deleteBlocked', { count: n.residents, formatted: formatNumber(n.residents, i18n.language) })
            : t('neighborhoods.deleteIntro')
        }
        submit={t('neighborhoods.delete')}
        lastResult={replyFor(lastResult, 'delete')}
      />
    </div>
  );
}
