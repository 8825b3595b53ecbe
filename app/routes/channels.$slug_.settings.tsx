import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { Link } from '~/components/link';
import { useTranslation } from 'react-i18next';
import { redirectWithFlash } from '~/lib/flash.server';
import { localized } from '~/lib/i18n';
import { pageTitle } from '~/lib/meta';
import { replyForm, respondToForm } from '~/lib/respond.server';
import { readSubmission } from '~/lib/submission.server';
import { ChannelForm } from '~/modules/channels/components/channel-form';
import { loadChannelToManage } from '~/modules/channels/guards.server';
import { ChannelSettingsSchema } from '~/modules/channels/schemas';
import { saveChannel } from '~/modules/channels/settings.server';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'channels:settings.editTitle');

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { channel } = await loadChannelToManage(request, context, params.slug ?? '');
  return json({ channel });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { caller, channel } = await loadChannelToManage(request, context, params.slug ?? '');
  const submission = await readSubmission(request, ChannelSettingsSchema);
  if (submission.status !== 'success') return replyForm(submission);
  const result = await saveChannel(caller, channel.id, submission.value);
  if (!result.ok) return respondToForm(submission, result);
  return redirectWithFlash(`/channels/${channel.slug}`, { kind: 'success', key: 'channels:settings.saved' }, { status: 303 });
}

export default function ChannelSettings() {
  const { t, i18n } = useTranslation('channels');
  const { channel } = useLoaderData<typeof loader>();
  const defaultValue = {
    slug: channel.slug,
    name: channel.name,
    description: channel.description ?? {},
    visibility: channel.visibility,
    holdFirstPosts: channel.holdFirstPosts ? 'on' : undefined,
  };
  return (
    <div className="stack">
      <p className="trail-link">
        <Link to={`/channels/${channel.slug}`}>{localized(channel.name, i18n.language).text}</Link>
      </p>
      <h1>{t('settings.editTitle')}</h1>
      <ChannelForm lastResult={useActionData<typeof action>()} defaultValue={defaultValue} editing kind={channel.kind} />
    </div>
  );
}
