import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { AdminTrail } from '~/components/admin';
import { CheckboxField, FormErrors, PostForm, SelectField, SubmitButton, TextField } from '~/components/forms';
import { redirectWithFlash } from '~/lib/flash.server';
import { monthName } from '~/lib/format';
import { parseForm } from '~/lib/forms';
import { invalid } from '~/lib/http.server';
import { pageTitle } from '~/lib/meta';
import { requestContext } from '~/lib/request-context.server';
import { readForm } from '~/lib/security.server';
import { requirePermission } from '~/modules/identity/session.server';
import { updateCity } from '~/modules/places/places.server';
import { getCity } from '~/modules/places/queries.server';
import { CitySchema } from '~/modules/places/schemas';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'admin:city.title');

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'manage:city');
  return json({ city: await getCity(), timeZones: Intl.supportedValuesOf('timeZone') });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, 'manage:city');
  const form = parseForm(CitySchema, await readForm(request));
  if (!form.ok) return invalid(form);
  await updateCity({ userId: user.id, requestId: requestContext(context).requestId }, form.data);
  return redirectWithFlash('/admin/city', { kind: 'success', key: 'admin:city.saved' }, { status: 303 });
}

const MONTHS = Array.from({ length: 12 }, (_, i) => i + 1);

export default function AdminCity() {
  const { t, i18n } = useTranslation('admin');
  const { city, timeZones } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = result?.errors;
  const values: Record<string, string> = result?.values ?? {};
  return (
    <div className="stack">
      <AdminTrail />
      <h1>{t('city.title')}</h1>
      <p>{t('city.intro')}</p>
      <PostForm noValidate>
        <FormErrors errors={errors} />
        <TextField label={t('city.name')} name="name" required maxLength={100} defaultValue={values.name ?? city.name} errors={errors} />
        <TextField
          label={t('city.timeZone')}
          hint={t('city.timeZoneHint')}
          name="timeZone"
          required
          list="time-zones"
          autoComplete="off"
          defaultValue={values.timeZone ?? city.timeZone}
          errors={errors}
        />
        <datalist id="time-zones">
          {timeZones.map((zone) => (
            <option key={zone} value={zone} />
          ))}
        </datalist>
        <SelectField
          label={t('city.defaultLocale')}
          hint={t('city.defaultLocaleHint')}
          name="defaultLocale"
          defaultValue={values.defaultLocale ?? city.defaultLocale}
          errors={errors}
          options={[
            { value: 'en', label: t('languages.en') },
            { value: 'es', label: t('languages.es') },
          ]}
        />
        <SelectField
          label={t('city.fiscalYearStartMonth')}
          hint={t('city.fiscalYearHint')}
          name="fiscalYearStartMonth"
          defaultValue={values.fiscalYearStartMonth ?? String(city.fiscalYearStartMonth)}
          errors={errors}
          options={MONTHS.map((m) => ({ value: String(m), label: monthName(m, i18n.language) }))}
        />
        <CheckboxField
          label={t('city.moderatorsMayPromote')}
          name="moderatorsMayPromote"
          defaultChecked={result ? values.moderatorsMayPromote === 'on' : city.moderatorsMayPromote}
          errors={errors}
        />
        <SubmitButton>{t('city.submit')}</SubmitButton>
      </PostForm>
    </div>
  );
}
