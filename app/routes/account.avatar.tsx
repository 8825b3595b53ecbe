import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { Link } from '~/components/link';
import { useTranslation } from 'react-i18next';
import { Avatar } from '~/components/ui/avatar';
import { replyFor } from '~/components/ui/forms';
import { PictureForm } from '~/components/ui/picture-form';
import { callerFor } from '~/lib/caller.server';
import { db } from '~/lib/db.server';
import { redirectWithFlash } from '~/lib/flash.server';
import { pageTitle } from '~/lib/meta';
import { replyForm, respondToForm } from '~/lib/respond.server';
import { readSubmissionWithFiles } from '~/lib/submission.server';
import { useSchemaForm } from '~/lib/use-schema-form';
import { AccountNav } from '~/modules/identity/components/account-nav';
import { requireUser } from '~/modules/identity/guards.server';
import { avatarUploadOptions, removeAvatar, setAvatar } from '~/modules/people/avatar-uploads.server';
import { AvatarFormSchema } from '~/modules/people/schemas';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'people:avatar.title');

/** The signed-in person's picture: upload one (JPEG, PNG or WebP; stored as a 256 px square) or use initials. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const person = await db().user.findUniqueOrThrow({
    where: { id: user.id },
    select: { id: true, displayName: true, status: true, avatarId: true },
  });
  return json(
    { person, maxMegabytes: avatarUploadOptions.maxFileBytes / 1024 / 1024 },
    { headers: { 'Cache-Control': 'private, no-store' } },
  );
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { submission, files, extraFiles } = await readSubmissionWithFiles(request, AvatarFormSchema, avatarUploadOptions);
  if (submission.status !== 'success') return replyForm(submission);
  const caller = callerFor(user, context);
  const result = submission.value.intent === 'upload' ? await setAvatar(caller, files, extraFiles) : await removeAvatar(caller);
  if (!result.ok) return respondToForm(submission, result);
  const key = submission.value.intent === 'upload' ? 'people:avatar.saved' : 'people:avatar.removed';
  return redirectWithFlash('/account/avatar', { kind: 'success', key }, { status: 303 });
}

export default function AccountAvatar() {
  const { t } = useTranslation('people');
  const { person, maxMegabytes } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useSchemaForm(AvatarFormSchema, { lastResult: replyFor(lastResult, 'upload'), id: 'avatar-upload' });
  return (
    <div className="stack">
      <h1>{t('avatar.title')}</h1>
      <AccountNav />
      <p>{t('avatar.intro')}</p>
      <div className="avatar-preview">
        <Avatar person={person} size="xl" label={person.avatarId ? t('avatar.current') : t('avatar.generated')} />
        <p>
          <Link to={`/people/${person.id}`}>{t('avatar.seeProfile')}</Link>
        </p>
      </div>
      <PictureForm
        id="avatar"
        form={form}
        field={fields.avatar}
        schema={AvatarFormSchema}
        lastResult={lastResult}
        hasPicture={!!person.avatarId}
        keys="people:avatar"
        maxMegabytes={maxMegabytes}
      />
    </div>
  );
}
