import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { AdminTrail, LocalizedName } from '~/components/admin';
import { FormErrors, PostForm, SubmitButton } from '~/components/forms';
import { redirectWithFlash } from '~/lib/flash.server';
import { formatNumber } from '~/lib/format';
import { formValues, parseForm } from '~/lib/forms';
import { invalid, notFound } from '~/lib/http.server';
import { pageTitle } from '~/lib/meta';
import { requestContext } from '~/lib/request-context.server';
import { readForm } from '~/lib/security.server';
import { requirePermission } from '~/modules/identity/session.server';
import { NeighborhoodFields } from '~/modules/places/components/place-fields';
import { deleteNeighborhood, saveNeighborhood } from '~/modules/places/places.server';
import { getNeighborhood } from '~/modules/places/queries.server';
import { IntentSchema, NeighborhoodSchema } from '~/modules/places/schemas';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'admin:neighborhoods.editTitle');

async function load(id: string | undefined) {
  const neighborhood = id ? await getNeighborhood(id) : null;
  if (!neighborhood) throw notFound();
  return neighborhood;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, 'manage:city');
  return json({ neighborhood: await load(params.id) });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, 'manage:city');
  const { id } = await load(params.id);
  const formData = await readForm(request);
  const actor = { userId: user.id, requestId: requestContext(context).requestId };
  const intent = parseForm(IntentSchema, formData);
  if (!intent.ok) return invalid(intent);
  if (intent.data.intent === 'delete') {
    const result = await deleteNeighborhood(actor, id);
    if (!result.ok) return invalid(result);
    return redirectWithFlash('/admin/neighborhoods', { kind: 'success', key: 'admin:neighborhoods.deleted' }, { status: 303 });
  }
  const form = parseForm(NeighborhoodSchema, formData);
  if (!form.ok) return invalid(form);
  const result = await saveNeighborhood(actor, id, form.data);
  if (!result.ok) return invalid({ ...result, values: formValues(formData) });
  return redirectWithFlash('/admin/neighborhoods', { kind: 'success', key: 'admin:neighborhoods.saved' }, { status: 303 });
}

export default function EditNeighborhood() {
  const { t, i18n } = useTranslation('admin');
  const { neighborhood: n } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  // A failed save comes back with the input; a failed delete with the stored values.
  const saving = result?.values?.intent === 'save';
  const values = saving
    ? result!.values
    : {
        slug: n.slug,
        nameEn: n.name.en ?? '',
        nameEs: n.name.es ?? '',
        descriptionEn: n.description?.en ?? '',
        descriptionEs: n.description?.es ?? '',
        streets: n.streets ?? '',
      };
  return (
    <div className="stack">
      <AdminTrail items={[{ to: '/admin/neighborhoods', label: t('neighborhoods.title') }]} />
      <h1>
        {t('neighborhoods.editTitle')}: <LocalizedName value={n.name} />
      </h1>
      <FormErrors errors={saving ? undefined : result?.errors} />
      <PostForm noValidate>
        <FormErrors errors={saving ? result?.errors : undefined} />
        <input type="hidden" name="intent" value="save" />
        <NeighborhoodFields values={values} errors={saving ? result?.errors : undefined} />
        <SubmitButton>{t('neighborhoods.save')}</SubmitButton>
      </PostForm>

      <section aria-labelledby="delete-neighborhood" className="danger-zone">
        <h2 id="delete-neighborhood">{t('neighborhoods.deleteTitle')}</h2>
        <p>
          {n.residents > 0
            ? t('neighborhoods.deleteBlocked', { count: n.residents, formatted: formatNumber(n.residents, i18n.language) })
            : t('neighborhoods.deleteIntro')}
        </p>
        <PostForm>
          <input type="hidden" name="intent" value="delete" />
          <SubmitButton className="button button-danger">{t('neighborhoods.delete')}</SubmitButton>
        </PostForm>
      </section>
    </div>
  );
}
