import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { useActionData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { parseForm } from '~/lib/forms';
import { invalid } from '~/lib/http.server';
import { pageTitle } from '~/lib/meta';
import { requestContext } from '~/lib/request-context.server';
import { readForm } from '~/lib/security.server';
import { ChannelForm } from '~/modules/channels/components/channel-form';
import { ChannelSettingsSchema } from '~/modules/channels/schemas';
import { saveChannel } from '~/modules/channels/settings.server';
import { requirePermission } from '~/modules/identity/session.server';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'channels:settings.newTitle');

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'manage:channel');
  return json({});
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, 'manage:channel');
  const form = parseForm(ChannelSettingsSchema, await readForm(request));
  if (!form.ok) return invalid(form);
  const result = await saveChannel({ ...user, requestId: requestContext(context).requestId }, null, form.data);
  if (!result.ok) return 'errors' in result ? invalid(result) : json({ error: result.reason }, { status: 403 });
  return redirect(`/channels/${result.slug}`, 303);
}

export default function NewChannel() {
  const { t } = useTranslation('channels');
  const result = useActionData<typeof action>();
  const failed = result && 'errors' in result ? result : undefined;
  return (
    <div className="stack">
      <h1>{t('settings.newTitle')}</h1>
      <p>{t('settings.newIntro')}</p>
      <ChannelForm values={(failed?.values ?? {}) as Record<string, string>} errors={failed?.errors} editing={false} />
    </div>
  );
}
