import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { Link } from '~/components/link';
import { useTranslation } from 'react-i18next';
import { FormErrors, PostForm, SubmitButton, TextField } from '~/components/ui/forms';
import { callerFor } from '~/lib/caller.server';
import { redirectWithFlash } from '~/lib/flash.server';
import { formatDate } from '~/lib/format';
import { languageName, localized } from '~/lib/i18n';
import { languageCookie } from '~/lib/i18n.server';
import { pageTitle } from '~/lib/meta';
import { useRootData } from '~/lib/root-data';
import { replyForm, respondToForm } from '~/lib/respond.server';
import { readSubmission } from '~/lib/submission.server';
import { useSchemaForm } from '~/lib/use-schema-form';
import { getProfile } from '~/modules/identity/account-queries.server';
import { updateProfile } from '~/modules/identity/account-settings.server';
import { LanguageField, NeighborhoodField } from '~/modules/identity/components/account-fields';
import { AccountNav } from '~/modules/identity/components/account-nav';
import { ProfileSchema } from '~/modules/identity/schemas';
import { requireUser } from '~/modules/identity/guards.server';
import { listNeighborhoods } from '~/modules/places/queries.server';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'account:profile.title');

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [profile, neighborhoods] = await Promise.all([getProfile(user.id), listNeighborhoods()]);
  return json({
    profile: {
      displayName: profile.displayName,
      email: profile.email,
      verified: !!profile.emailVerifiedAt,
      locale: profile.locale,
      neighborhoodId: profile.neighborhoodId,
      createdAt: profile.createdAt.toISOString(),
    },
    neighborhoods: neighborhoods.map((n) => ({ id: n.id, name: n.name })),
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = await readSubmission(request, ProfileSchema);
  if (submission.status !== 'success') return replyForm(submission);
  const result = await updateProfile(callerFor(user, context), submission.value);
  if (!result.ok) return respondToForm(submission, result);
  // The language cookie follows the setting, so a new language shows at once and stays after signing out.
  const headers = new Headers({ 'Set-Cookie': await languageCookie.serialize(submission.value.locale) });
  return redirectWithFlash('/account', { kind: 'success', key: 'account:profile.saved' }, { status: 303, headers });
}

export default function Profile() {
  const { t, i18n } = useTranslation('account');
  const { city } = useRootData();
  const { profile, neighborhoods } = useLoaderData<typeof loader>();
  const [form, fields] = useSchemaForm(ProfileSchema, {
    lastResult: useActionData<typeof action>(),
    defaultValue: { displayName: profile.displayName, locale: profile.locale, neighborhoodId: profile.neighborhoodId ?? '' },
  });
  const lng = i18n.language;
  const home = neighborhoods.find((n) => n.id === profile.neighborhoodId);
  return (
    <div className="stack">
      <h1>{t('profile.title')}</h1>
      <AccountNav />

      <section aria-labelledby="details">
        <h2 id="details">{t('profile.details')}</h2>
        <dl className="details">
          <dt>{t('fields.displayName')}</dt>
          <dd>{profile.displayName}</dd>
          <dt>{t('profile.email')}</dt>
          <dd>
            {profile.email} <span className="pill">{profile.verified ? t('profile.verified') : t('profile.unverified')}</span>
          </dd>
          <dt>{t('profile.language')}</dt>
          <dd lang={profile.locale}>{languageName(profile.locale)}</dd>
          <dt>{t('profile.neighborhood')}</dt>
          <dd>{home ? localized(home.name, lng).text : t('profile.noNeighborhood')}</dd>
          <dt>{t('profile.memberSince')}</dt>
          <dd>
            <time dateTime={profile.createdAt}>{formatDate(profile.createdAt, lng, city.timeZone)}</time>
          </dd>
        </dl>
      </section>

      <section aria-labelledby="edit">
        <h2 id="edit">{t('profile.edit')}</h2>
        <PostForm form={form} aria-labelledby="edit">
          <FormErrors form={form} />
          <TextField
            label={t('fields.displayName')}
            hint={t('profile.displayNameHint')}
            field={fields.displayName}
            autoComplete="nickname"
            maxLength={60}
          />
          <LanguageField field={fields.locale} hint={t('profile.languageHint')} />
          <NeighborhoodField field={fields.neighborhoodId} emptyLabel={t('profile.noNeighborhood')} neighborhoods={neighborhoods} />
          <SubmitButton>{t('profile.submit')}</SubmitButton>
        </PostForm>
      </section>

      <section aria-labelledby="more">
        <h2 id="more">{t('profile.more')}</h2>
        <ul>
          <li>
            <Link to="/account/email">{t('profile.changeEmail')}</Link>
          </li>
          <li>
            <Link to="/account/password">{t('profile.changePassword')}</Link>
          </li>
          <li>
            <Link to="/account/sessions">{t('profile.sessions')}</Link>
          </li>
          <li>
            <Link to="/account/residency">{t('eligibility:resident.link')}</Link>
          </li>
          <li>
            <a href="/account/export" download aria-describedby="export-intro">
              {t('profile.export')}
            </a>
            <p className="hint" id="export-intro">
              {t('export.intro')} {t('export.filenameNote')}
            </p>
          </li>
          <li>
            <Link to="/account/delete">{t('profile.delete')}</Link>
          </li>
        </ul>
      </section>
    </div>
  );
}
