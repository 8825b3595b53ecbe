import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { Link } from '~/components/link';
import { useTranslation } from 'react-i18next';
import { callerFor } from '~/lib/caller.server';
import { pageTitle } from '~/lib/meta';
import { getLocale } from '~/modules/identity/locale.server';
import { TypePicker } from '~/modules/requests/intake/components/type-picker';
import { requireRecorder } from '~/modules/requests/guards.server';
import { listPickerTypes } from '~/modules/requests/intake/intake-queries.server';
import { pickerSearch } from '~/modules/requests/intake/intake-form.server';
import { meetingReference } from '~/modules/blockwatch/meeting-requests.server';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'requests:record.pickTitle');

/**
 * Staff recording a request on someone's behalf, step 1: the type, with the resident's picker
 * (a liaison sees their department's types). Staff, admins and liaisons only.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user, scope } = await requireRecorder(request);
  const q = pickerSearch(request);
  // Recording an issue raised at a meeting (its page links here with ?meeting=<id>/<date>).
  const meeting = await meetingReference(new URL(request.url).searchParams.get('meeting'), callerFor(user, context));
  return json(
    {
      q: q ?? '',
      groups: await listPickerTypes(await getLocale(request), q, scope),
      meeting: meeting ? { target: meeting.target, title: meeting.meeting.title } : null,
    },
    { headers: { 'Cache-Control': 'private, no-store' } },
  );
}

export default function RecordPickType() {
  const { t } = useTranslation('requests');
  const { q, groups, meeting } = useLoaderData<typeof loader>();
  const carry = meeting ? `?meeting=${encodeURIComponent(meeting.target)}` : '';
  return (
    <div className="stack">
      <p className="trail-link">
        <Link to="/staff/requests">{t('record.backToQueue')}</Link>
      </p>
      <h1>{t('record.pickTitle')}</h1>
      <p>{t('record.pickIntro')}</p>
      {meeting ? <p>{t('record.atMeeting', { title: meeting.title })}</p> : null}
      <TypePicker
        q={q}
        groups={groups}
        basePath="/staff/requests/new"
        typeHref={(code) => `/staff/requests/new/${code}${carry}`}
        clearHref={`/staff/requests/new${carry}`}
        keep={meeting ? { meeting: meeting.target } : undefined}
      />
    </div>
  );
}
