import type { LoaderFunctionArgs } from '@remix-run/node';
import { json } from '@remix-run/node';
import { exportPabulib } from '~/modules/budgets/pabulib.server';

/**
 * /budgets/<slug>.pb: a counted process's results as a Pabulib file (public, as its results are):
 * 404 for no such process, 409 with a JSON error before the vote is closed and counted.
 */
export async function loader({ params }: LoaderFunctionArgs) {
  const result = await exportPabulib(params.slug ?? '');
  if (!result.ok) throw json({ error: result.code }, { status: result.code === 'notFound' ? 404 : 409 });
  return new Response(result.value.text, {
    headers: {
      'Content-Type': 'text/plain; charset=utf-8',
      'Content-Disposition': `attachment; filename="${result.value.fileName}"`,
      'Cache-Control': 'no-store',
    },
  });
}
