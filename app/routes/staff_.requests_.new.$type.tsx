import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { SelectField, TextField } from '~/components/ui/forms';
import { email } from '~/lib/forms';
import { languageOptions, localized } from '~/lib/i18n';
import { pageTitle } from '~/lib/meta';
import { getLocale } from '~/modules/identity/locale.server';
import { neighborhoodOptions } from '~/modules/places/queries.server';
import { newSubmissionKey } from '~/modules/requests/tracking/tracking-links.server';
import { REQUEST_PRIORITIES, STAFF_SOURCES } from '~/modules/requests/values';
import { IntakeForm } from '~/modules/requests/intake/components/intake-form';
import { readIntake, replyIntake } from '~/modules/requests/intake/intake-form.server';
import { callerFor } from '~/lib/caller.server';
import { refuse, respondToForm } from '~/lib/respond.server';
import { fail } from '~/lib/result';
import { staffIntakeSchema } from '~/modules/requests/intake/intake-schemas';
import { fileRequest } from '~/modules/requests/intake/file-request.server';
import { canRecordRequest } from '~/modules/requests/policy';
import { accountByVerifiedEmail, getIntakeType } from '~/modules/requests/intake/intake-queries.server';
import { requireRecorder } from '~/modules/requests/guards.server';
import { linkToMeeting, meetingReference } from '~/modules/blockwatch/meeting-requests.server';

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
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { user, type } = await load(request, params.type);
  const meeting = await meetingReference(new URL(request.url).searchParams.get('meeting'), callerFor(user, context));
  return json(
    {
      meeting: meeting ? { target: meeting.target, title: meeting.meeting.title } : null,
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
  const { submission, version, errors } = await readIntake(request, type, (fields) =>
    staffIntakeSchema({ locationRequired: type.locationRequired }, fields),
  );
  // The caller's account, by an address its owner verified (checked even when other fields failed).
  const accountEmail = email().safeParse(submission.payload.accountEmail);
  const account = accountEmail.success ? await accountByVerifiedEmail(accountEmail.data) : null;
  if (accountEmail.success && !account) errors.accountEmail = ['requests:record.errors.noAccount'];
  if (submission.status !== 'success' || Object.keys(errors).length) return replyIntake(submission, errors);
  const input = submission.value;
  // An issue raised at a meeting: its source is the meeting, and it is linked to the meeting's date.
  const meeting = await meetingReference(submission.payload.meeting, callerFor(user, context));
  const filed = await fileRequest(callerFor(user, context), {
    type,
    version,
    form: { ...input, anonymous: false },
    answers: input.a,
    photos: [],
    locale: input.contactLocale,
    source: meeting ? 'meeting' : input.source,
    onBehalf: { requesterId: account?.id ?? null, priority: input.priority },
    also: meeting ? (tx, request) => linkToMeeting(tx, request.id, meeting) : undefined,
  });
  if (!filed.ok) return respondToForm(submission, filed);
  return redirect(`/requests/${filed.value.code}?recorded=1`, { status: 303 });
}

export default function RecordRequest() {
  const { t, i18n } = useTranslation('requests');
  const data = useLoaderData<typeof loader>();
  return (
    <IntakeForm
      schema={staffIntakeSchema({ locationRequired: data.type.locationRequired }, data.type.fields)}
      lastResult={useActionData<typeof action>()}
      defaultValue={{ source: data.meeting ? 'meeting' : 'phone', priority: data.type.defaultPriority, contactLocale: data.locale }}
      type={data.type}
      neighborhoods={data.neighborhoods}
      submissionKey={data.submissionKey}
      back={{ to: '/staff/requests/new', label: t('record.back') }}
      heading={t('record.heading')}
      submitLabel={t('record.submit')}
      slots={(fields) => ({
        beforeAnswers: (
          <>
            {data.meeting ? (
              <p>
                <input type="hidden" name="meeting" value={data.meeting.target} />
                {t('record.atMeeting', { title: data.meeting.title })}
              </p>
            ) : null}
            <SelectField
              field={fields.source}
              label={t('record.source')}
              options={STAFF_SOURCES.map((s) => ({ value: s, label: t(`sources.${s}`) }))}
            />
          </>
        ),
        afterDescription: (
          <SelectField
            field={fields.priority}
            label={t('record.priority')}
            hint={t('record.priorityHint', { priority: t(`priorities.${data.type.defaultPriority}`) })}
            options={REQUEST_PRIORITIES.map((p) => ({ value: p, label: t(`priorities.${p}`) }))}
          />
        ),
        contact: {
          legend: t('record.caller'),
          hint: t('record.callerHint'),
          forSomeoneElse: true,
          after: (
            <>
              <SelectField
                field={fields.contactLocale}
                label={t('record.callerLanguage')}
                hint={t('record.callerLanguageHint')}
                options={languageOptions(i18n.language)}
              />
              <TextField
                field={fields.accountEmail}
                label={`${t('record.accountEmail')} ${t('form.optional')}`}
                hint={t('record.accountEmailHint')}
                type="email"
                maxLength={254}
                autoComplete="off"
              />
            </>
          ),
        },
      })}
    />
  );
}
