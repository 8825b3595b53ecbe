import type { LoaderFunctionArgs } from '@remix-run/node';
import { json } from '@remix-run/node';
import { getRequestAttachment } from '~/modules/requests/tracking/request-queries.server';
import { requireReadableRequest } from '~/modules/requests/guards.server';
import { readStored } from '~/modules/requests/intake/photo-uploads.server';

/**
 * A request's photo, for whoever may read the request but its mere followers (404 otherwise). Files are never in a
 * public static directory; they were re-encoded at upload, and are sent with their stored type,
 * no sniffing, and private caching only.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { access, followerOnly } = await requireReadableRequest(request, params.code);
  const attachment = followerOnly ? null : await getRequestAttachment(access.id, params.id ?? '');
  const bytes = attachment ? await readStored(attachment.path) : null;
  if (!attachment || !bytes) throw json({ error: 'notFound' }, { status: 404 });
  return new Response(new Uint8Array(bytes), {
    headers: {
      'Content-Type': attachment.mimeType,
      'Content-Length': String(bytes.length),
      'Content-Disposition': 'inline',
      'Cache-Control': 'private, max-age=3600',
      ETag: `"${attachment.sha256}"`,
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "default-src 'none'; sandbox",
    },
  });
}
