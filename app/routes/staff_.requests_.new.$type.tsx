import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { FormErrors, PostForm, SelectField, SubmitButton, TextField } from '~/components/forms';
import { email } from '~/lib/forms';
import { languageOptions, localized } from '~/lib/i18n';
import { pageTitle } from '~/lib/meta';
import { readForm } from '~/lib/security.server';
import { getLocale } from '~/modules/identity/locale.server';
import { neighborhoodOptions } from '~/modules/places/queries.server';
import { newSubmissionKey } from '~/modules/requests/tracking/tracking-links.server';
import { REQUEST_PRIORITIES, STAFF_SOURCES } from '~/modules/requests/values';
import { AnswerFields } from '~/modules/requests/components/answer-fields';
import { ContactFields, DescriptionField, keptValues, LocationFields } from '~/modules/requests/intake/components/intake-fields';
import { readIntakeSubmission } from '~/modules/requests/intake/intake-form.server';
import { callerFor } from '~/lib/caller.server';
import { refuse, replyForm, respondToForm } from '~/lib/respond.server';
import { fail } from '~/lib/result';
import { useSchemaForm } from '~/lib/use-schema-form';
import { staffIntakeSchema } from '~/modules/requests/intake/intake-schemas';
import { fileRequest } from '~/modules/requests/intake/file-request.server';
import { canRecordRequest } from '~/modules/requests/policy';
import { accountByVerifiedEmail, getIntakeType } from '~/modules/requests/intake/intake-queries.server';
import { requireRecorder } from '~/modules/requests/guards.server';

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => {
  const root = matches.find((m) => m.id === 'root')?.data as { locale?: string } | undefined;
  return pageTitle(matches, 'requests:record.title', { type: data ? localized(data.type.name, root?.locale ?? 'en').text : '' });
};

/** The signed-in recorder and the type, if they may record it (a liaison: their department's). */
async function load(request: Request, code: string | undefined) {
  const { user } = await requireRecorder(request);
  const type = code ? await getIntakeType(code) : null;
  if (!type) throw refuse(fail.notFound());
  if (!canRecordRequest(user, type.departmentId)) throw refuse(fail.forbidden());
  return { user, type };
}

/**
 * Staff recording a request on someone's behalf, step 2: the type's form plus the source (phone
 * first: most contacts are calls), the priority, the caller's contact, language and account. A
 * plain form: it works without JavaScript.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { type } = await load(request, params.type);
  return json(
    {
      type: {
        code: type.code,
        name: type.name,
        locationRequired: type.locationRequired,
        version: type.currentVersion,
        fields: type.fields,
        defaultPriority: type.defaultPriority,
      },
      neighborhoods: await neighborhoodOptions(),
      submissionKey: newSubmissionKey(),
      locale: await getLocale(request),
    },
    { headers: { 'Cache-Control': 'private, no-store' } },
  );
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, type } = await load(request, params.type);
  const formData = await readForm(request);
  const { submission, version, errors } = await readIntakeSubmission(formData, type, (fields) =>
    staffIntakeSchema({ locationRequired: type.locationRequired }, fields),
  );
  // The caller's account, by an address its owner verified (checked even when other fields failed).
  const accountEmail = email().safeParse(formData.get('accountEmail'));
  const account = accountEmail.success ? await accountByVerifiedEmail(accountEmail.data) : null;
  if (accountEmail.success && !account) errors.accountEmail = ['requests:record.errors.noAccount'];
  if (submission.status !== 'success' || Object.keys(errors).length)
    return replyForm(submission, Object.keys(errors).length ? fail.invalid(errors) : undefined);
  const input = submission.value;
  const filed = await fileRequest(callerFor(user, context), {
    type,
    version,
    form: { ...input, anonymous: false },
    answers: input.a,
    photos: [],
    locale: input.contactLocale,
    source: input.source,
    onBehalf: { requesterId: account?.id ?? null, priority: input.priority },
  });
  if (!filed.ok) return respondToForm(submission, filed);
  return redirect(`/requests/${filed.value.code}?recorded=1`, { status: 303 });
}

export default function RecordRequest() {
  const { t, i18n } = useTranslation('requests');
  const data = useLoaderData<typeof loader>();
  const [form] = useSchemaForm(staffIntakeSchema({ locationRequired: data.type.locationRequired }, data.type.fields), {
    lastResult: useActionData<typeof action>(),
  });
  const navigation = useNavigation();
  const errors = form.allErrors;
  const values = keptValues(form.initialValue);
  const text = (key: string, fallback: string) => {
    const v = values[key];
    return typeof v === 'string' && v ? v : fallback;
  };
  const name = localized(data.type.name, i18n.language);
  return (
    <div className="stack">
      <p className="trail-link">
        <Link to="/staff/requests/new">{t('record.back')}</Link>
      </p>
      <h1>
        {t('record.heading')} <span lang={name.fellBack ? name.lang : undefined}>{name.text}</span>
      </h1>
      <PostForm form={form} className="stack">
        <FormErrors form={form} />
        <input type="hidden" name="version" value={data.type.version} />
        <input type="hidden" name="submissionKey" value={data.submissionKey} />
        <SelectField
          label={t('record.source')}
          name="source"
          defaultValue={text('source', 'phone')}
          options={STAFF_SOURCES.map((s) => ({ value: s, label: t(`sources.${s}`) }))}
          errors={errors}
        />
        <AnswerFields fields={data.type.fields} values={values} errors={errors} />
        <DescriptionField values={values} errors={errors} />
        <SelectField
          label={t('record.priority')}
          hint={t('record.priorityHint', { priority: t(`priorities.${data.type.defaultPriority}`) })}
          name="priority"
          defaultValue={text('priority', data.type.defaultPriority)}
          options={REQUEST_PRIORITIES.map((p) => ({ value: p, label: t(`priorities.${p}`) }))}
          errors={errors}
        />
        <LocationFields
          locationRequired={data.type.locationRequired}
          neighborhoods={data.neighborhoods}
          defaultNeighborhood=""
          values={values}
          errors={errors}
        />
        <fieldset className="stack">
          <legend>{t('record.caller')}</legend>
          <p className="hint">{t('record.callerHint')}</p>
          <ContactFields values={values} errors={errors} forSomeoneElse />
          <SelectField
            label={t('record.callerLanguage')}
            hint={t('record.callerLanguageHint')}
            name="contactLocale"
            defaultValue={text('contactLocale', data.locale)}
            options={languageOptions(i18n.language)}
            errors={errors}
          />
          <TextField
            label={`${t('record.accountEmail')} ${t('form.optional')}`}
            hint={t('record.accountEmailHint')}
            name="accountEmail"
            type="email"
            maxLength={254}
            autoComplete="off"
            defaultValue={text('accountEmail', '')}
            errors={errors}
          />
        </fieldset>
        <SubmitButton disabled={navigation.state === 'submitting'}>{t('record.submit')}</SubmitButton>
      </PostForm>
    </div>
  );
}
