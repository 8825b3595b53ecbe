import type { LoaderFunctionArgs } from '@remix-run/node';
import { callerFor } from '~/lib/caller.server';
import { refuse } from '~/lib/respond.server';
import { exportAccountData } from '~/modules/identity/account-export.server';
import { requireUser } from '~/modules/identity/guards.server';
import { getCity } from '~/modules/places/queries.server';

/** Today's date as YYYY-MM-DD in the city's time zone. */
function isoDate(timeZone: string) {
  const parts = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone }).formatToParts(new Date());
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** A JSON download of everything held about the signed-in person (a resource route). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [result, city] = await Promise.all([exportAccountData(callerFor(user, context)), getCity()]);
  if (!result.ok) throw refuse(result);
  return new Response(JSON.stringify(result.value, null, 2), {
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="townsquare-data-${isoDate(city.timeZone)}.json"`,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
