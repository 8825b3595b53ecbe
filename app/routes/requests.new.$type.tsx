import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { CheckboxField } from '~/components/ui/forms';
import { localized } from '~/lib/i18n';
import { pageTitle } from '~/lib/meta';
import { limitedWrite, type LimitName } from '~/lib/rate-limit.server';
import { callerOf } from '~/lib/caller.server';
import { refuse, respondToForm } from '~/lib/respond.server';
import { fail } from '~/lib/result';
import { honeypot } from '~/lib/security.server';
import { getLocale } from '~/modules/identity/locale.server';
import { getUser } from '~/modules/identity/session.server';
import { filedNote, newSubmissionKey, rememberAccess } from '~/modules/requests/tracking/tracking-links.server';
import { IntakeForm } from '~/modules/requests/intake/components/intake-form';
import { fileRequest } from '~/modules/requests/intake/file-request.server';
import { intakeSchema } from '~/modules/requests/intake/intake-schemas';
import { decodePhotos, readIntake, replyIntake } from '~/modules/requests/intake/intake-form.server';
import { canFileRequest } from '~/modules/requests/policy';
import { neighborhoodOptions } from '~/modules/places/queries.server';
import { getIntakeType } from '~/modules/requests/intake/intake-queries.server';
import { LocationPicker } from '~/modules/requests/intake/components/location-picker';
import { NearbyRequests } from '~/modules/requests/public/components/nearby-requests';
import { mapCenter, mapTiles, nearbyOpenRequests } from '~/modules/requests/public/public-requests.server';
import leafletStyles from 'leaflet/dist/leaflet.css';

// Leaflet's own CSS, for the form's map.
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: leafletStyles }];

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
  const [user, type, neighborhoods, lng] = await Promise.all([
    getUser(request),
    loadType(params.type),
    neighborhoodOptions(),
    getLocale(request),
  ]);
  if (!canFileRequest(user)) throw refuse(fail.forbidden());
  // "Already reported?" starts from the reader's own neighborhood (the page's script follows the form).
  const [nearby, center] = await Promise.all([
    nearbyOpenRequests({ typeCode: type.code, neighborhoodId: user?.neighborhoodId ?? null }, lng),
    mapCenter(),
  ]);
  return json({
    nearby,
    map: { tiles: mapTiles(), center },
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
  const { submission, version, errors, photos } = await readIntake(
    request,
    type,
    (fields) => intakeSchema({ locationRequired: type.locationRequired }, fields),
    { honeypot: !user, photos: true },
  );
  if (submission.status !== 'success' || Object.keys(errors).length) return replyIntake(submission, errors);
  const input = submission.value;

  // Only a complete, valid form is counted and has its photos decoded.
  // A filing the database refused (full, unreachable) is given back (limitedWrite).
  const limits: [LimitName, string][] = [
    ['requestFileIp', caller.ip ?? 'unknown'],
    ...(user ? [['requestFileAccount', user.id] as [LimitName, string]] : []),
  ];
  const filed = await limitedWrite(limits, async () => {
    const processed = await decodePhotos(photos, errors);
    if (!processed) return null;
    return fileRequest(caller, { type, version, form: input, answers: input.a, photos: processed, locale: await getLocale(request) });
  });
  if (!filed) return replyIntake(submission, errors);
  if (!filed.ok) return respondToForm(submission, filed);
  const { code, token, mailed, repeated } = filed.value;
  const headers = new Headers();
  if (token) headers.append('Set-Cookie', await rememberAccess(request.headers.get('Cookie'), code, token));
  if (!repeated) headers.append('Set-Cookie', await filedNote(code, token, mailed));
  return redirect(`/requests/${code}/filed`, { status: 303, headers });
}

export default function RequestForm() {
  const { t } = useTranslation('requests');
  const data = useLoaderData<typeof loader>();
  return (
    <IntakeForm
      schema={intakeSchema({ locationRequired: data.type.locationRequired }, data.type.fields)}
      lastResult={useActionData<typeof action>()}
      type={data.type}
      neighborhoods={data.neighborhoods}
      defaultNeighborhood={data.defaultNeighborhood}
      submissionKey={data.submissionKey}
      honeypot={data.honeypot ?? undefined}
      photos={data.type.photosAllowed}
      back={{ to: '/requests/new', label: t('form.back') }}
      heading={t('form.heading')}
      intro={data.type.description}
      submitLabel={t('form.submit')}
      slots={(fields) => ({
        beforeForm: (
          <NearbyRequests
            typeCode={data.type.code}
            initial={data.nearby}
            signedIn={data.signedIn}
            here={`/requests/new/${data.type.code}`}
          />
        ),
        afterLocation: <LocationPicker tiles={data.map.tiles} center={data.map.center} />,
        contact: {
          legend: t('form.contact'),
          hint: data.signedIn ? t('form.contactHintSignedIn') : t('form.contactHint'),
          before: data.signedIn ? <CheckboxField field={fields.anonymous} label={t('form.anonymous')} /> : null,
        },
      })}
    />
  );
}
