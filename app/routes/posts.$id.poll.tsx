import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { Link } from '~/components/link';
import { useTranslation } from 'react-i18next';
import { FormErrors, PostForm, SubmitButton, TextArea, TextField } from '~/components/ui/forms';
import { pageTitle } from '~/lib/meta';
import { replyForm, respondToForm } from '~/lib/respond.server';
import { useRootData } from '~/lib/root-data';
import { readSubmission } from '~/lib/submission.server';
import { useSchemaForm } from '~/lib/use-schema-form';
import { loadPostToAddPoll } from '~/modules/channels/guards.server';
import { addPoll } from '~/modules/channels/polls/polls.server';
import { postHasPoll } from '~/modules/channels/polls/queries.server';
import { MAX_OPTIONS, MIN_OPTIONS, newPollSchema, POLL_KINDS } from '~/modules/channels/polls/schemas';
import { getCity } from '~/modules/places/queries.server';
import { ChoiceGroup } from '~/modules/requests/components/answer-fields';

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'channels:poll.addTitle');

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { post } = await loadPostToAddPoll(request, context, params.id ?? '');
  return json({
    post: { id: post.id, threadId: post.threadId, title: post.thread.title, excerpt: post.text.slice(0, 300) },
    hasPoll: await postHasPoll(post.id),
  });
}

/** The thread's author (on a post of theirs) or a moderator adds a poll to a post: one per post. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const { caller, member, post } = await loadPostToAddPoll(request, context, params.id ?? '');
  const city = await getCity();
  const submission = await readSubmission(request, newPollSchema(city.timeZone));
  if (submission.status !== 'success') return replyForm(submission);
  const result = await addPoll(caller, member, post, submission.value);
  if (!result.ok) return respondToForm(submission, result);
  return redirect(`/threads/${post.threadId}?from=${post.id}#post-${post.id}`, 303);
}

export default function AddPoll() {
  const { t } = useTranslation('channels');
  const { city } = useRootData();
  const { post, hasPoll } = useLoaderData<typeof loader>();
  const [form, fields] = useSchemaForm(newPollSchema(city.timeZone), {
    lastResult: useActionData<typeof action>(),
    defaultValue: { kind: 'single' },
  });
  const back = `/threads/${post.threadId}?from=${post.id}#post-${post.id}`;
  return (
    <div className="stack">
      <p className="trail-link">
        <Link to={back}>{post.title}</Link>
      </p>
      <h1>{t('poll.addTitle')}</h1>
      <blockquote className="quote">
        <p>{post.excerpt}</p>
      </blockquote>
      {hasPoll ? (
        <p className="alert alert-info">{t('poll.errors.exists')}</p>
      ) : (
        <PostForm form={form}>
          <FormErrors form={form} />
          <TextField label={t('poll.question')} field={fields.question} maxLength={200} />
          <ChoiceGroup
            type="radio"
            field={fields.kind}
            label={t('poll.kind')}
            options={POLL_KINDS.map((kind) => ({ value: kind, label: t(`poll.kinds.${kind}`) }))}
          />
          <TextArea
            label={t('poll.options')}
            hint={t('poll.optionsHint', { min: MIN_OPTIONS, max: MAX_OPTIONS })}
            field={fields.options}
            rows={6}
          />
          <TextField
            label={t('poll.maxChoices')}
            hint={t('poll.maxChoicesHint')}
            field={fields.maxChoices}
            type="number"
            inputMode="numeric"
            min={2}
            max={MAX_OPTIONS}
          />
          <TextField
            label={t('poll.closesAtLabel')}
            hint={t('poll.closesAtHint', { zone: city.timeZone })}
            field={fields.closesAt}
            type="datetime-local"
          />
          <SubmitButton>{t('poll.submit')}</SubmitButton>
        </PostForm>
      )}
    </div>
  );
}
