import { useRevalidator } from '@remix-run/react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge } from '~/components/ui/badge';
import { ErrorText, FormErrors, PostForm, SubmitButton } from '~/components/ui/forms';
import { formatDateTime, formatNumber, formatPercent } from '~/lib/format';
import { useSchemaForm } from '~/lib/use-schema-form';
import type { LiveEvent } from '~/modules/realtime/client';
import { roomOf } from '~/modules/realtime/names';
import { useLive } from '~/modules/realtime/use-live';
import { ClosePollFormSchema, VoteFormSchema, type PollKind } from '../schemas';

export type PollData = {
  id: string;
  kind: PollKind;
  question: string;
  maxChoices: number;
  closesAt: string | null;
  closed: boolean;
  options: { key: string; label: string }[];
  counts: Record<string, number>;
  voters: number;
  mine: string[];
  can: { vote: boolean; close: boolean; results: boolean };
};

type Figures = { counts: Record<string, number>; voters: number };

/** The thread page's action reply, when it answers this post's poll forms (vote, close). */
export function pollReplyFor(lastResult: unknown, postId: string): unknown {
  const initial = (lastResult as { initialValue?: Record<string, unknown> } | undefined)?.initialValue;
  return isPollReply(lastResult) && initial?.postId === postId ? lastResult : undefined;
}

export function isPollReply(lastResult: unknown): boolean {
  const intent = (lastResult as { initialValue?: Record<string, unknown> } | undefined)?.initialValue?.intent;
  return intent === 'vote' || intent === 'closePoll';
}

/**
 * A post's poll: the vote form (radio buttons or checkboxes, a plain form post), the figures as
 * text with a decorative bar, and "close now" for its author and moderators. The figures follow
 * the thread room's `poll.changed` events in place; a closed poll reloads the page's data.
 */
export function PollView({
  poll,
  postId,
  threadId,
  since,
  timeZone,
  lastResult,
}: {
  poll: PollData;
  postId: string;
  threadId: string;
  since: number;
  timeZone: string;
  lastResult?: unknown;
}) {
  const { t, i18n } = useTranslation('channels');
  const lng = i18n.language;
  const revalidator = useRevalidator();
  // Figures from a live event, until the page's data is loaded again (then the loader's are newer).
  const [live, setLive] = useState<{ of: PollData; figures: Figures } | null>(null);
  const figures = live?.of === poll ? live.figures : { counts: poll.counts, voters: poll.voters };
  useLive([roomOf('thread', threadId)], since, (event: LiveEvent) => {
    if (event.type !== 'poll.changed' || event.payload.pollId !== poll.id) return;
    setLive({ of: poll, figures: { counts: event.payload.counts as Record<string, number>, voters: Number(event.payload.voters) } });
    if (event.payload.closed && !poll.closed && revalidator.state === 'idle') revalidator.revalidate();
  });
  const [form, fields] = useSchemaForm(VoteFormSchema, { lastResult: voteReply(lastResult), id: `poll-${poll.id}` });
  const [closeForm] = useSchemaForm(ClosePollFormSchema, { lastResult: closeReply(lastResult), id: `poll-close-${poll.id}` });
  const questionId = `poll-${poll.id}-question`;
  const kept = fields.choices.initialValue;
  const keptChoices = Array.isArray(kept) ? kept : typeof kept === 'string' ? [kept] : null;
  const checked = new Set(keptChoices ?? poll.mine);
  const choose = poll.kind === 'single' ? t('poll.chooseOne') : t('poll.chooseUpTo', { count: poll.maxChoices });
  const status = poll.closed
    ? t('poll.closed')
    : poll.closesAt
      ? t('poll.closesAt', { time: formatDateTime(poll.closesAt, lng, timeZone, 'medium') })
      : null;
  const errors = fields.choices.errors;

  return (
    <section className="poll" aria-labelledby={questionId}>
      <p className="poll-question" id={questionId}>
        {poll.question}
      </p>
      <p className="muted poll-meta">
        {[choose, status, t('poll.voters', { count: figures.voters, n: formatNumber(figures.voters, lng) })].filter(Boolean).join(' · ')}
      </p>
      {poll.can.results ? (
        <ul className="poll-results">
          {poll.options.map((option) => {
            const count = figures.counts[option.key] ?? 0;
            const share = figures.voters ? count / figures.voters : 0;
            return (
              <li key={option.key}>
                <span className="poll-option">
                  {option.label}
                  {poll.mine.includes(option.key) ? (
                    <span className="poll-mine">
                      <Badge>{t('poll.yourChoice')}</Badge>
                    </span>
                  ) : null}
                </span>
                <span className="poll-figure">
                  {t('poll.votes', { count, n: formatNumber(count, lng), percent: formatPercent(share, lng, 0) })}
                </span>
                <span className="poll-bar" aria-hidden="true">
                  <span style={{ width: `${Math.round(share * 100)}%` }} />
                </span>
              </li>
            );
          })}
        </ul>
      ) : (
        <p className="muted">{t('poll.resultsAfterVoting')}</p>
      )}
      {poll.mine.length ? <p className="poll-voted">{t('poll.youVoted')}</p> : null}
      {/* Outside the forms: a refusal (the poll closed meanwhile) is shown where no form is left. */}
      <FormErrors form={form} />
      <FormErrors form={closeForm} />
      {poll.can.vote ? (
        <PostForm form={form} preventScrollReset>
          <input type="hidden" name={fields.intent.name} value="vote" />
          <input type="hidden" name={fields.postId.name} value={postId} />
          <fieldset className="field choice-group" aria-describedby={errors?.length ? fields.choices.errorId : undefined}>
            <legend>{poll.mine.length ? t('poll.changeVoteLegend') : t('poll.voteLegend')}</legend>
            <p className="hint">{choose}</p>
            {poll.options.map((option) => {
              const inputId = `poll-${poll.id}-${option.key}`;
              return (
                <div key={option.key} className="field-checkbox">
                  <input
                    type={poll.kind === 'single' ? 'radio' : 'checkbox'}
                    id={inputId}
                    name={fields.choices.name}
                    value={option.key}
                    defaultChecked={checked.has(option.key)}
                    aria-invalid={errors?.length ? true : undefined}
                  />
                  <label htmlFor={inputId}>{option.label}</label>
                </div>
              );
            })}
            <ErrorText messages={errors} id={fields.choices.errorId} />
          </fieldset>
          <SubmitButton>{poll.mine.length ? t('poll.changeVote') : t('poll.vote')}</SubmitButton>
        </PostForm>
      ) : null}
      {poll.can.close ? (
        <PostForm form={closeForm} preventScrollReset className="poll-close">
          <input type="hidden" name="intent" value="closePoll" />
          <input type="hidden" name="postId" value={postId} />
          <button type="submit" className="button button-secondary button-small">
            {t('poll.close')}
          </button>
        </PostForm>
      ) : null}
    </section>
  );
}

const intentOf = (lastResult: unknown) => (lastResult as { initialValue?: Record<string, unknown> } | undefined)?.initialValue?.intent;
const voteReply = (lastResult: unknown) => (intentOf(lastResult) === 'vote' ? lastResult : undefined);
const closeReply = (lastResult: unknown) => (intentOf(lastResult) === 'closePoll' ? lastResult : undefined);
