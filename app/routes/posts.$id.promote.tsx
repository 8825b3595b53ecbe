import { parseWithSchema } from '~/lib/schema-parse';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { Link } from '~/components/link';
import { useTranslation } from 'react-i18next';
import { FormErrors, PostForm, replyFor, SubmitButton, TextField } from '~/components/ui/forms';
import { redirectWithFlash } from '~/lib/flash.server';
import { localized } from '~/lib/i18n';
import { pageTitle } from '~/lib/meta';
import { callerFor } from '~/lib/caller.server';
import { refuse, replyForm, respondToForm } from '~/lib/respond.server';
import { fail } from '~/lib/result';
import { useSchemaForm } from '~/lib/use-schema-form';
import { readForm } from '~/lib/security.server';
import { getLocale } from '~/modules/identity/locale.server';
import { neighborhoodOptions, neighborhoodStreets } from '~/modules/places/queries.server';
import { newSubmissionKey } from '~/modules/requests/tracking/tracking-links.server';
import { AnswerFields } from '~/modules/requests/components/answer-fields';
import { DescriptionField, LocationFields } from '~/modules/requests/intake/components/intake-fields';
import { TypePicker } from '~/modules/requests/intake/components/type-picker';
import { linkPost, promotePost, unlinkPost, currentLinks } from '~/modules/requests/forum-links/forum-links.server';
import { readIntakeSubmission } from '~/modules/requests/intake/intake-form.server';
import { PickerSearchSchema } from '~/modules/requests/intake/intake-schemas';
import { guessLocation } from '~/modules/requests/forum-links/location-guess';
import { guessRequestType } from '~/modules/requests/forum-links/type-guess.server';
import { promoteSchema } from '~/modules/requests/forum-links/promote-schemas';
import { requirePromotable } from '~/modules/requests/guards.server';
import { getIntakeType, listPickerTypes, typeGuessCandidates } from '~/modules/requests/intake/intake-queries.server';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'requests:promote.title');

/**
 * "Create service request" from a forum post, for staff, liaisons, admins (and the channel's
 * moderators when the city allows it). Without a chosen type the page suggests one guessed from
 * the post, or shows the intake's type picker (`?pick=1`, `?q=`); with `?type=<code>` it shows
 * that type's form, the description prefilled from the post. The post can instead be linked to
 * an existing request by its code, and its links removed. Works without JavaScript.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { source, prefill, channel } = await requirePromotable(request, params.id ?? '');
  const url = new URL(request.url);
  const search = parseWithSchema(url.searchParams, PickerSearchSchema);
  const q = search.status === 'success' ? (search.value.q ?? '') : '';
  const picking = url.searchParams.has('pick') || url.searchParams.has('q');
  const asked = url.searchParams.get('type');
  const guessed = !asked && !picking ? guessRequestType(prefill, await typeGuessCandidates()) : null;
  const code = asked ?? guessed;
  const type = code && code.length <= 60 ? await getIntakeType(code) : null;
  if (asked && !type) throw refuse(fail.notFound());
  const lng = await getLocale(request);
  const [groups, neighborhoods, links, streets] = await Promise.all([
    type ? Promise.resolve([]) : listPickerTypes(lng, q || undefined),
    neighborhoodOptions(),
    currentLinks(source),
    neighborhoodStreets(),
  ]);
  return json(
    {
      post: { id: source.postId, threadId: source.threadId, title: source.title, isOpening: source.isOpening },
      prefill,
      q,
      groups,
      guessed: !!type && !asked,
      type: type && {
        code: type.code,
        name: type.name,
        locationRequired: type.locationRequired,
        version: type.currentVersion,
        fields: type.fields,
      },
      neighborhoods,
      location: guessLocation(prefill, streets, channel.neighborhoodId),
      links,
      submissionKey: newSubmissionKey(),
    },
    { headers: { 'Cache-Control': 'private, no-store' } },
  );
}

/** Where the posted form goes back to after a link or a new request: the post in its thread. */
const postHref = (source: { threadId: string; postId: string }) =>
  `/threads/${source.threadId}?from=${source.postId}#post-${source.postId}`;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, source } = await requirePromotable(request, params.id ?? '');
  const caller = callerFor(user, context);
  const formData = await readForm(request);
  const typeCode = formData.get('intent') === 'create' ? String(formData.get('type') ?? '') : '';
  const type = typeCode && typeCode.length <= 60 ? await getIntakeType(typeCode) : null;
  const { submission, version, errors } = await readIntakeSubmission(formData, type, (fields) =>
    promoteSchema(type && { locationRequired: type.locationRequired, fields }),
  );
  if (formData.get('intent') === 'create' && !type) errors[''] = ['requests:promote.errors.type'];
  if (submission.status !== 'success' || Object.keys(errors).length) {
    // The unlink buttons carry their code: a problem there is about the whole form.
    if (formData.get('intent') === 'unlink' && submission.status !== 'success')
      return replyForm(submission, fail.invalid({ '': Object.values(submission.error ?? {}).flatMap((m) => m ?? []) }));
    return replyForm(submission, Object.keys(errors).length ? fail.invalid(errors) : undefined);
  }
  const input = submission.value;

  if (input.intent === 'link' || input.intent === 'unlink') {
    const linked = input.intent === 'link' ? await linkPost(caller, source, input.code) : await unlinkPost(caller, source, input.code);
    if (!linked.ok)
      return respondToForm(
        submission,
        input.intent === 'unlink' && linked.fieldErrors
          ? { ...linked, fieldErrors: { '': Object.values(linked.fieldErrors).flat() } }
          : linked,
      );
    const done = { kind: 'success' as const, key: `requests:promote.done.${input.intent}`, values: { code: linked.value.code } };
    return redirectWithFlash(input.intent === 'unlink' ? `/posts/${source.postId}/promote` : postHref(source), done, { status: 303 });
  }

  if (!type) throw refuse(fail.notFound());
  const filed = await promotePost(caller, source, { type, version, form: input, answers: input.a, locale: await getLocale(request) });
  if (!filed.ok) return respondToForm(submission, filed);
  return redirectWithFlash(
    postHref(source),
    { kind: 'success', key: 'requests:promote.done.create', values: { code: filed.value.code } },
    { status: 303 },
  );
}

export default function PromotePost() {
  const { t, i18n } = useTranslation('requests');
  const data = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const schema = promoteSchema(data.type);
  const [createForm, createFields] = useSchemaForm(schema, {
    id: 'promote-create',
    lastResult: replyFor(lastResult, 'create'),
    defaultValue: { address: data.location.address ?? undefined },
  });
  const [linkForm, linkFields] = useSchemaForm(schema, { id: 'promote-link', lastResult: replyFor(lastResult, 'link') });
  const [unlinkForm] = useSchemaForm(schema, { id: 'promote-unlink', lastResult: replyFor(lastResult, 'unlink') });
  const lng = i18n.language;
  const self = `/posts/${data.post.id}/promote`;
  const typeName = data.type ? localized(data.type.name, lng) : null;
  return (
    <div className="stack">
      <p className="trail-link">
        <Link to={`/threads/${data.post.threadId}?from=${data.post.id}#post-${data.post.id}`}>
          {t('promote.back', { title: data.post.title })}
        </Link>
      </p>
      <h1>{t('promote.title')}</h1>
      <p>{data.post.isOpening ? t('promote.introThread') : t('promote.introPost')}</p>

      {data.links.length ? (
        <section aria-labelledby="links-heading" className="stack">
          <h2 id="links-heading">{t('promote.linked')}</h2>
          <FormErrors form={unlinkForm} />
          <ul className="people">
            {data.links.map((link) => (
              <li key={link.code}>
                <PostForm className="inline-form">
                  <input type="hidden" name="intent" value="unlink" />
                  <input type="hidden" name="code" value={link.code} />
                  <Link to={`/requests/${link.code}`}>{link.code}</Link>{' '}
                  <span className={`pill status-${link.status}`}>{t(`status.${link.status}`)}</span>{' '}
                  <button type="submit" className="button button-secondary">
                    {t('promote.unlink')}
                    <span className="visually-hidden"> {link.code}</span>
                  </button>
                </PostForm>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {data.links.length ? (
        <>
          <FormErrors form={createForm} />
          <p>{t('promote.onePerPost')}</p>
        </>
      ) : data.type && typeName ? (
        <section aria-labelledby="create-heading" className="stack">
          <h2 id="create-heading">
            {t('promote.createHeading')} <span lang={typeName.fellBack ? typeName.lang : undefined}>{typeName.text}</span>
          </h2>
          <p>
            {data.guessed ? `${t('promote.guessed')} ` : null}
            <Link to={`${self}?pick=1`}>{t('promote.changeType')}</Link>
          </p>
          <PostForm form={createForm} className="stack">
            <FormErrors form={createForm} />
            <input type="hidden" name="intent" value="create" />
            <input type="hidden" name="type" value={data.type.code} />
            <input type="hidden" name="version" value={data.type.version} />
            <input type="hidden" name="submissionKey" value={data.submissionKey} />
            <AnswerFields fields={data.type.fields} field={createFields.a} />
            <DescriptionField fields={createFields} hint={t('promote.descriptionHint')} prefill={data.prefill} />
            {data.location.address ? <p className="hint">{t('promote.locationGuessed')}</p> : null}
            <LocationFields
              fields={createFields}
              locationRequired={data.type.locationRequired}
              pointCounts
              neighborhoods={data.neighborhoods}
              defaultNeighborhood={data.location.neighborhoodId ?? ''}
            />
            <SubmitButton disabled={navigation.state === 'submitting'}>{t('promote.submit')}</SubmitButton>
          </PostForm>
        </section>
      ) : (
        <section aria-labelledby="pick-heading" className="stack">
          <h2 id="pick-heading">{t('promote.pickHeading')}</h2>
          <FormErrors form={createForm} />
          <TypePicker
            q={data.q}
            groups={data.groups}
            basePath={self}
            typeHref={(code) => `${self}?type=${code}`}
            clearHref={`${self}?pick=1`}
            headingLevel={3}
          />
        </section>
      )}

      <section aria-labelledby="link-heading" className="stack">
        <h2 id="link-heading">{t('promote.linkHeading')}</h2>
        <p>{t('promote.linkIntro')}</p>
        <PostForm form={linkForm} className="stack">
          <FormErrors form={linkForm} />
          <input type="hidden" name="intent" value="link" />
          <TextField
            label={t('promote.code')}
            hint={t('promote.codeHint')}
            field={linkFields.code}
            maxLength={20}
            autoCapitalize="characters"
            autoComplete="off"
            required
          />
          <SubmitButton>{t('promote.linkSubmit')}</SubmitButton>
        </PostForm>
      </section>
    </div>
  );
}
