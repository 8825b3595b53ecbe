import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { Link } from '~/components/link';
import { useTranslation } from 'react-i18next';
import { AdminTrail } from '~/components/admin';
import {
  CheckboxField,
  FormErrors,
  LocalizedTextField,
  PostForm,
  SelectField,
  SubmitButton,
  TextArea,
  TextField,
} from '~/components/ui/forms';
import { redirectWithFlash } from '~/lib/flash.server';
import { callerFor } from '~/lib/caller.server';
import { monthName } from '~/lib/format';
import { languageOptions } from '~/lib/i18n';
import { pageTitle } from '~/lib/meta';
import { replyForm, respondToForm } from '~/lib/respond.server';
import { readSubmission } from '~/lib/submission.server';
import { useSchemaForm } from '~/lib/use-schema-form';
import { requirePermission } from '~/modules/identity/guards.server';
import { updateCity } from '~/modules/places/places.server';
import { logoUrl } from '~/modules/places/logo';
import { getCity, getCityContact } from '~/modules/places/queries.server';
import { CitySchema } from '~/modules/places/schemas';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'admin:city.title');

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'manage:city');
  const [city, contact] = await Promise.all([getCity(), getCityContact()]);
  return json({ city, contact, timeZones: Intl.supportedValuesOf('timeZone') });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, 'manage:city');
  const submission = await readSubmission(request, CitySchema);
  if (submission.status !== 'success') return replyForm(submission);
  const result = await updateCity(callerFor(user, context), submission.value);
  if (!result.ok) return respondToForm(submission, result);
  return redirectWithFlash('/admin/city', { kind: 'success', key: 'admin:city.saved' }, { status: 303 });
}

const MONTHS = Array.from({ length: 12 }, (_, i) => i + 1);

export default function AdminCity() {
  const { t, i18n } = useTranslation('admin');
  const { city, contact, timeZones } = useLoaderData<typeof loader>();
  const [form, fields] = useSchemaForm(CitySchema, {
    lastResult: useActionData<typeof action>(),
    defaultValue: {
      ...city,
      fiscalYearStartMonth: String(city.fiscalYearStartMonth),
      moderatorsMayPromote: city.moderatorsMayPromote ? 'on' : undefined,
      accentColor: city.accentColor ?? '',
      contactEmail: contact.email ?? '',
      contactPhone: contact.phone ?? '',
      contactAddress: contact.address ?? '',
      openingHours: contact.openingHours ?? {},
    },
  });
  return (
    <div className="stack">
      <AdminTrail />
      <h1>{t('city.title')}</h1>
      <p>{t('city.intro')}</p>
      <section aria-labelledby="city-logo-title" className="stack">
        <h2 id="city-logo-title">{t('city.logo')}</h2>
        {city.logoId ? (
          <img src={logoUrl(city.logoId)} alt={t('city.logoCurrent')} className="logo-preview" />
        ) : (
          <p>{t('city.logoNone')}</p>
        )}
        <p>
          <Link to="/admin/city/logo">{t('logo.summary')}</Link>
        </p>
      </section>
      <PostForm form={form}>
        <FormErrors form={form} />
        <TextField label={t('city.name')} field={fields.name} maxLength={100} />
        <TextField label={t('city.timeZone')} hint={t('city.timeZoneHint')} field={fields.timeZone} list="time-zones" autoComplete="off" />
        <datalist id="time-zones">
          {timeZones.map((zone) => (
            <option key={zone} value={zone} />
          ))}
        </datalist>
        <SelectField
          label={t('city.defaultLocale')}
          hint={t('city.defaultLocaleHint')}
          field={fields.defaultLocale}
          options={languageOptions(i18n.language)}
        />
        <SelectField
          label={t('city.fiscalYearStartMonth')}
          hint={t('city.fiscalYearHint')}
          field={fields.fiscalYearStartMonth}
          options={MONTHS.map((m) => ({ value: String(m), label: monthName(m, i18n.language) }))}
        />
        <CheckboxField label={t('city.moderatorsMayPromote')} field={fields.moderatorsMayPromote} />
        <TextField label={t('city.accentColor')} hint={t('city.accentColorHint')} field={fields.accentColor} maxLength={7} />
        <fieldset className="field-group">
          <legend>{t('city.contact')}</legend>
          <p className="hint">{t('city.contactHint')}</p>
          <TextField label={t('city.contactEmail')} field={fields.contactEmail} type="email" autoComplete="off" />
          <TextField label={t('city.contactPhone')} field={fields.contactPhone} type="tel" autoComplete="off" />
          <TextArea label={t('city.contactAddress')} field={fields.contactAddress} rows={3} maxLength={300} />
          <LocalizedTextField label={t('city.openingHours')} hint={t('city.openingHoursHint')} field={fields.openingHours} />
        </fieldset>
        <SubmitButton>{t('city.submit')}</SubmitButton>
      </PostForm>
    </div>
  );
}
