import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { CheckboxField, ErrorText, FormErrors, PostForm, SubmitButton } from '~/components/forms';
import type { FieldErrors } from '~/lib/forms';
import { localized } from '~/lib/i18n';
import { pageTitle } from '~/lib/meta';
import { limitedWrite, type LimitName } from '~/lib/rate-limit.server';
import { callerOf } from '~/lib/caller.server';
import { refuse, replyForm, respondToForm } from '~/lib/respond.server';
import { fail } from '~/lib/result';
import { useSchemaForm } from '~/lib/use-schema-form';
import { honeypot, readFormWithFiles } from '~/lib/security.server';
import { getLocale } from '~/modules/identity/locale.server';
import { getUser } from '~/modules/identity/session.server';
import { filedNote, newSubmissionKey, rememberAccess } from '~/modules/requests/tracking/tracking-links.server';
import { AnswerFields } from '~/modules/requests/components/answer-fields';
import { ContactFields, DescriptionField, keptValues, LocationFields } from '~/modules/requests/intake/components/intake-fields';
import { fileRequest } from '~/modules/requests/intake/file-request.server';
import { intakeSchema, MAX_PHOTO_BYTES, MAX_PHOTOS, PHOTO_TYPES } from '~/modules/requests/intake/intake-schemas';
import { readIntakeSubmission } from '~/modules/requests/intake/intake-form.server';
import { canFileRequest } from '~/modules/requests/policy';
import { neighborhoodOptions } from '~/modules/places/queries.server';
import { processPhoto, sniffImage, type ProcessedPhoto } from '~/modules/requests/intake/photo-uploads.server';
import { getIntakeType } from '~/modules/requests/intake/intake-queries.server';

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => {
  const root = matches.find((m) => m.id === 'root')?.data as { locale?: string } | undefined;
  return pageTitle(matches, 'requests:form.title', { type: data ? localized(data.type.name, root?.locale ?? 'en').text : '' });
};

async function loadType(code: string | undefined) {
  const type = code ? await getIntakeType(code) : null;
  if (!type) throw refuse(fail.notFound());
  return type;
}

/** Step 2 of filing: the chosen type's form. Works without JavaScript (multipart when photos are allowed). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const [user, type, neighborhoods] = await Promise.all([getUser(request), loadType(params.type), neighborhoodOptions()]);
  if (!canFileRequest(user)) throw refuse(fail.forbidden());
  return json({
    type: {
      code: type.code,
      name: type.name,
      description: type.description,
      locationRequired: type.locationRequired,
      photosAllowed: type.photosAllowed,
      version: type.currentVersion,
      fields: type.fields,
    },
    neighborhoods,
    signedIn: !!user,
    defaultNeighborhood: user?.neighborhoodId ?? '',
    // The honeypot guards anonymous posts; signed-in accounts have their own limits.
    honeypot: user ? null : await honeypot().getInputProps(),
    submissionKey: newSubmissionKey(),
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const caller = await callerOf(request, context);
  const user = caller.user;
  const type = await loadType(params.type);
  if (!canFileRequest(user)) throw refuse(fail.forbidden());
  const { formData, files, extraFiles } = await readFormWithFiles(request, {
    honeypot: !user,
    fileField: 'photos',
    maxFiles: MAX_PHOTOS,
    maxFileBytes: MAX_PHOTO_BYTES,
  });
  const { submission, version, errors } = await readIntakeSubmission(formData, type, (fields) =>
    intakeSchema({ locationRequired: type.locationRequired }, fields),
  );
  const photos = type.photosAllowed ? files : [];
  if (extraFiles > 0 && type.photosAllowed)
    (errors.photos ??= []).push(`requests:errors.tooManyPhotos|${JSON.stringify({ max: MAX_PHOTOS })}`);
  for (const file of photos) {
    if (file.tooLarge)
      (errors.photos ??= []).push(`requests:errors.photoTooLarge|${JSON.stringify({ name: file.filename.slice(0, 80), max: 5 })}`);
    else if (!sniffImage(file.bytes))
      (errors.photos ??= []).push(`requests:errors.photoType|${JSON.stringify({ name: file.filename.slice(0, 80) })}`);
  }
  const refused = () => replyForm(submission, Object.keys(errors).length ? fail.invalid(errors) : undefined);
  if (submission.status !== 'success' || Object.keys(errors).length) return refused();
  const input = submission.value;

  // Only a complete, valid form is counted and has its photos decoded.
  // A filing the database refused (full, unreachable) is given back (limitedWrite).
  const limits: [LimitName, string][] = [
    ['requestFileIp', caller.ip ?? 'unknown'],
    ...(user ? [['requestFileAccount', user.id] as [LimitName, string]] : []),
  ];
  const filed = await limitedWrite(limits, async () => {
    const processed: ProcessedPhoto[] = [];
    for (const file of photos) {
      const result = await processPhoto(file);
      if (result.ok) processed.push(result.photo);
      else (errors.photos ??= []).push(`${result.error}|${JSON.stringify({ name: file.filename.slice(0, 80), max: 5 })}`);
    }
    if (errors.photos) return null;
    return fileRequest(caller, { type, version, form: input, answers: input.a, photos: processed, locale: await getLocale(request) });
  });
  if (!filed) return refused();
  if (!filed.ok) return respondToForm(submission, filed);
  const { code, token, mailed, repeated } = filed.value;
  const headers = new Headers();
  if (token) headers.append('Set-Cookie', await rememberAccess(request.headers.get('Cookie'), code, token));
  if (!repeated) headers.append('Set-Cookie', await filedNote(code, token, mailed));
  return redirect(`/requests/${code}/filed`, { status: 303, headers });
}

export default function RequestForm() {
  const { t, i18n } = useTranslation('requests');
  const data = useLoaderData<typeof loader>();
  const [form] = useSchemaForm(intakeSchema({ locationRequired: data.type.locationRequired }, data.type.fields), {
    lastResult: useActionData<typeof action>(),
  });
  const navigation = useNavigation();
  const lng = i18n.language;
  const errors = form.allErrors;
  const values = keptValues(form.initialValue);
  const name = localized(data.type.name, lng);
  const description = localized(data.type.description, lng);
  return (
    <div className="stack">
      <p className="trail-link">
        <Link to="/requests/new">{t('form.back')}</Link>
      </p>
      <h1>
        {t('form.heading')} <span lang={name.fellBack ? name.lang : undefined}>{name.text}</span>
      </h1>
      <p lang={description.fellBack ? description.lang : undefined}>{description.text}</p>
      <PostForm
        form={form}
        encType={data.type.photosAllowed ? 'multipart/form-data' : undefined}
        honeypot={data.honeypot ?? undefined}
        className="stack"
      >
        <FormErrors form={form} />
        <input type="hidden" name="version" value={data.type.version} />
        <input type="hidden" name="submissionKey" value={data.submissionKey} />
        <AnswerFields fields={data.type.fields} values={values} errors={errors} />
        <DescriptionField values={values} errors={errors} />
        <LocationFields
          locationRequired={data.type.locationRequired}
          neighborhoods={data.neighborhoods}
          defaultNeighborhood={data.defaultNeighborhood}
          values={values}
          errors={errors}
        />
        {data.type.photosAllowed ? <PhotoInput errors={errors} /> : null}
        <fieldset className="stack">
          <legend>{t('form.contact')}</legend>
          <p className="hint">{data.signedIn ? t('form.contactHintSignedIn') : t('form.contactHint')}</p>
          {data.signedIn ? (
            <CheckboxField label={t('form.anonymous')} name="anonymous" defaultChecked={values.anonymous === 'on'} errors={errors} />
          ) : null}
          <ContactFields values={values} errors={errors} />
        </fieldset>
        <SubmitButton disabled={navigation.state === 'submitting'}>{t('form.submit')}</SubmitButton>
      </PostForm>
    </div>
  );
}

function PhotoInput({ errors }: { errors?: FieldErrors }) {
  const { t } = useTranslation('requests');
  const fieldErrors = errors?.photos;
  return (
    <div className="field">
      <label htmlFor="photos">{`${t('form.photos')} ${t('form.optional')}`}</label>
      <p className="hint" id="photos-hint">
        {t('form.photosHint', { max: MAX_PHOTOS, size: 5 })}
      </p>
      <input
        id="photos"
        name="photos"
        type="file"
        multiple
        accept={PHOTO_TYPES.join(',')}
        aria-describedby={fieldErrors?.length ? 'photos-hint photos-error' : 'photos-hint'}
        aria-invalid={fieldErrors?.length ? true : undefined}
      />
      <ErrorText messages={fieldErrors} id="photos-error" />
    </div>
  );
}
