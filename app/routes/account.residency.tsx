import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { Card } from '~/components/card';
import { FormErrors, PostForm, replyFor, SelectField, SubmitButton, TextArea, TextField } from '~/components/forms';
import { callerFor } from '~/lib/caller.server';
import { redirectWithFlash } from '~/lib/flash.server';
import { formatDate } from '~/lib/format';
import { localized, type LocalizedText } from '~/lib/i18n';
import { pageTitle } from '~/lib/meta';
import { useRootData } from '~/lib/root-data';
import { replyForm, respondToForm, withRetryAfter } from '~/lib/respond.server';
import type { Result } from '~/lib/result';
import { readSubmission } from '~/lib/submission.server';
import { useSchemaForm } from '~/lib/use-schema-form';
import { verifyByAddress } from '~/modules/budgets/eligibility/census.server';
import { residenciesOf } from '~/modules/budgets/eligibility/eligibility.server';
import { requestLetter, verifyByCode } from '~/modules/budgets/eligibility/letters.server';
import { lettersOf } from '~/modules/budgets/eligibility/queries.server';
import { ResidencyActionSchema } from '~/modules/budgets/eligibility/schemas';
import { AccountNav } from '~/modules/identity/components/account-nav';
import { requireUser } from '~/modules/identity/guards.server';
import { neighborhoodOptions } from '~/modules/places/queries.server';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'eligibility:resident.title');

/** A rate-limited code keeps the form on the page with its Retry-After (respond.server.ts). */
export const headers: HeadersFunction = withRetryAfter;

/** A signed-in person's residency for participatory budgets: where they are verified, and the ways to be. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [residencies, letters, neighborhoods] = await Promise.all([residenciesOf(user.id), lettersOf(user.id), neighborhoodOptions()]);
  return json(
    {
      residencies: residencies.map((r) => ({ ...r, verifiedAt: r.verifiedAt.toISOString() })),
      letters: letters.map((l) => ({
        address: l.address,
        neighborhood: l.neighborhood.name as LocalizedText,
        createdAt: l.createdAt.toISOString(),
        status: l.usedAt ? 'used' : l.printedAt ? 'sent' : 'pending',
      })),
      neighborhoods,
      homeNeighborhoodId: user.neighborhoodId,
    },
    { headers: { 'Cache-Control': 'private, no-store' } },
  );
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = await readSubmission(request, ResidencyActionSchema);
  if (submission.status !== 'success') return replyForm(submission);
  const caller = callerFor(user, context);
  const input = submission.value;
  let result: Result<unknown>;
  if (input.intent === 'address') result = await verifyByAddress(caller, { address: input.address });
  else if (input.intent === 'code') result = await verifyByCode(caller, { code: input.code });
  else result = await requestLetter(caller, { neighborhoodId: input.neighborhoodId, address: input.postalAddress });
  // Too many attempts: the form stays, with what was typed and how long to wait (429, Retry-After).
  if (!result.ok) return result.code === 'rateLimited' ? replyForm(submission, result) : respondToForm(submission, result);
  const key = input.intent === 'letter' ? 'eligibility:flash.letterRequested' : 'eligibility:flash.verified';
  return redirectWithFlash('/account/residency', { kind: 'success', key }, { status: 303 });
}

export default function Residency() {
  const { t, i18n } = useTranslation('eligibility');
  const { city } = useRootData();
  const { residencies, letters, neighborhoods, homeNeighborhoodId } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const lng = i18n.language;
  const [addressForm, addressFields] = useSchemaForm(ResidencyActionSchema, {
    lastResult: replyFor(lastResult, 'address'),
    id: 'by-address',
  });
  const [letterForm, letterFields] = useSchemaForm(ResidencyActionSchema, {
    lastResult: replyFor(lastResult, 'letter'),
    id: 'ask-letter',
    defaultValue: { neighborhoodId: homeNeighborhoodId ?? '' },
  });
  const [codeForm, codeFields] = useSchemaForm(ResidencyActionSchema, { lastResult: replyFor(lastResult, 'code'), id: 'by-code' });
  const name = (value: unknown) => localized(value as LocalizedText, lng).text;
  // A pending letter hides the form, unless it has just refused a second one (its message shows there).
  const pending = letters.some((l) => l.status === 'pending') && !replyFor(lastResult, 'letter');
  const sent = letters.some((l) => l.status === 'sent');
  return (
    <div className="stack">
      <h1>{t('resident.title')}</h1>
      <AccountNav />
      <p>{t('resident.intro')}</p>

      <Card title={t('resident.verifiedTitle')} id="verified">
        {residencies.length === 0 ? (
          <p>{t('resident.none')}</p>
        ) : (
          <ul>
            {residencies.map((r) => (
              <li key={r.neighborhoodId}>
                <strong>{name(r.name)}</strong>{' '}
                <span className="muted">
                  {t(`methods.${r.method}`)} · <time dateTime={r.verifiedAt}>{formatDate(r.verifiedAt, lng, city.timeZone)}</time>
                </span>
              </li>
            ))}
          </ul>
        )}
      </Card>

      <Card title={t('resident.addressTitle')} id="by-address-title" boxed>
        <p>{t('resident.addressIntro')}</p>
        <PostForm form={addressForm}>
          <FormErrors form={addressForm} />
          <input type="hidden" name="intent" value="address" />
          <TextField
            label={t('resident.address')}
            hint={t('resident.addressHint')}
            field={addressFields.address}
            autoComplete="street-address"
          />
          {addressFields.address.errors?.includes('eligibility:errors.noMatch') ? (
            <p>
              <a href="#ask-letter-title">{t('resident.tryLetter')}</a>
            </p>
          ) : null}
          <SubmitButton>{t('resident.addressSubmit')}</SubmitButton>
        </PostForm>
      </Card>

      <Card title={t('resident.letterTitle')} id="ask-letter-title" boxed>
        <p>{t('resident.letterIntro')}</p>
        {letters.length ? (
          <ul>
            {letters.map((l, i) => (
              <li key={i}>
                {t(`resident.letterStatus.${l.status}`, { neighborhood: name(l.neighborhood) })}{' '}
                <span className="muted">
                  <time dateTime={l.createdAt}>{formatDate(l.createdAt, lng, city.timeZone)}</time>
                </span>
              </li>
            ))}
          </ul>
        ) : null}
        {pending ? null : (
          <PostForm form={letterForm}>
            <FormErrors form={letterForm} />
            <input type="hidden" name="intent" value="letter" />
            <SelectField
              label={t('resident.neighborhood')}
              field={letterFields.neighborhoodId}
              options={[
                { value: '', label: t('resident.chooseNeighborhood') },
                ...neighborhoods.map((n) => ({ value: n.id, label: name(n.name) })),
              ]}
            />
            <TextArea
              label={t('resident.postalAddress')}
              hint={t('resident.postalAddressHint')}
              field={letterFields.postalAddress}
              rows={3}
              autoComplete="street-address"
            />
            <SubmitButton>{t('resident.letterSubmit')}</SubmitButton>
          </PostForm>
        )}
      </Card>

      <Card title={t('resident.codeTitle')} id="by-code-title" boxed>
        <p>{sent ? t('resident.codeIntro') : t('resident.codeIntroNoLetter')}</p>
        <PostForm form={codeForm}>
          <FormErrors form={codeForm} />
          <input type="hidden" name="intent" value="code" />
          <TextField
            label={t('resident.code')}
            hint={t('resident.codeHint')}
            field={codeFields.code}
            autoComplete="one-time-code"
            autoCapitalize="characters"
            spellCheck={false}
          />
          <SubmitButton>{t('resident.codeSubmit')}</SubmitButton>
        </PostForm>
      </Card>
    </div>
  );
}
