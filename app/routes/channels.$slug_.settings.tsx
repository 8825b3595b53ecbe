import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { redirectWithFlash } from '~/lib/flash.server';
import { parseForm } from '~/lib/forms';
import { invalid } from '~/lib/http.server';
import { localized } from '~/lib/i18n';
import { pageTitle } from '~/lib/meta';
import { requestContext } from '~/lib/request-context.server';
import { readForm } from '~/lib/security.server';
import { ChannelForm } from '~/modules/channels/components/channel-form';
import { getChannel } from '~/modules/channels/queries.server';
import { ChannelSettingsSchema } from '~/modules/channels/schemas';
import { saveChannel } from '~/modules/channels/settings.server';
import { requirePermission } from '~/modules/identity/session.server';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'channels:settings.editTitle');

async function load(request: Request, slug: string) {
  const user = await requirePermission(request, 'manage:channel');
  const channel = await getChannel(slug);
  if (!channel) throw json({ error: 'notFound' }, { status: 404 });
  return { user, channel };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { channel } = await load(request, params.slug ?? '');
  return json({ channel });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, channel } = await load(request, params.slug ?? '');
  const form = parseForm(ChannelSettingsSchema, await readForm(request));
  if (!form.ok) return invalid(form);
  const result = await saveChannel({ ...user, requestId: requestContext(context).requestId }, channel.id, form.data);
  if (!result.ok) return 'errors' in result ? invalid(result) : json({ error: result.reason }, { status: 403 });
  return redirectWithFlash(`/channels/${channel.slug}`, { kind: 'success', key: 'channels:settings.saved' }, { status: 303 });
}

export default function ChannelSettings() {
  const { t, i18n } = useTranslation('channels');
  const { channel } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const failed = result && 'errors' in result ? result : undefined;
  const values = failed?.values ?? {
    slug: channel.slug,
    nameEn: channel.name.en ?? '',
    nameEs: channel.name.es ?? '',
    descriptionEn: channel.description?.en ?? '',
    descriptionEs: channel.description?.es ?? '',
    visibility: channel.visibility,
    holdFirstPosts: String(channel.holdFirstPosts),
  };
  return (
    <div className="stack">
      <p className="trail-link">
        <Link to={`/channels/${channel.slug}`}>{localized(channel.name, i18n.language).text}</Link>
      </p>
      <h1>{t('settings.editTitle')}</h1>
      <ChannelForm values={values as Record<string, string>} errors={failed?.errors} editing kind={channel.kind} />
    </div>
  );
}
