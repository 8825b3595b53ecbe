import { z } from 'zod';
import { msg, optionalText, text } from '~/lib/forms';
import { localDateTimeIn } from '~/lib/time';

export const POLL_KINDS = ['single', 'multiple'] as const;
export type PollKind = (typeof POLL_KINDS)[number];
export const MIN_OPTIONS = 2;
export const MAX_OPTIONS = 20;
export const OPTION_MAX_LENGTH = 100;

const id = z.string().min(1).max(40);

/** Options as written: one per line (a plain textarea, so the form needs no script to add rows). */
const optionLines = z
  .string()
  .max(MAX_OPTIONS * (OPTION_MAX_LENGTH + 2) * 2)
  .transform((value) =>
    value
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter(Boolean),
  )
  .superRefine((options, ctx) => {
    const issue = (message: string) => ctx.addIssue({ code: 'custom', message });
    if (options.length < MIN_OPTIONS) issue(msg('channels:poll.errors.tooFewOptions', { min: MIN_OPTIONS }));
    if (options.length > MAX_OPTIONS) issue(msg('channels:poll.errors.tooManyOptions', { max: MAX_OPTIONS }));
    const long = options.find((o) => o.length > OPTION_MAX_LENGTH);
    if (long) issue(msg('channels:poll.errors.optionTooLong', { max: OPTION_MAX_LENGTH }));
    // "Yes" and "yes " are one option.
    const seen = new Set<string>();
    for (const option of options) {
      const key = option.normalize('NFKC').toLocaleLowerCase();
      if (seen.has(key)) issue(msg('channels:poll.errors.duplicateOption', { option }));
      seen.add(key);
    }
  });

/**
 * The add-poll form. The close time is typed as a wall-clock time in the city's zone (the page
 * says which), so the schema is built for that zone; `now` is when the form is checked.
 */
export function newPollSchema(timeZone: string, now: () => Date = () => new Date()) {
  return z
    .object({
      question: text(200),
      kind: z.enum(POLL_KINDS),
      options: optionLines,
      maxChoices: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().optional()),
      closesAt: optionalText(25).transform((value, ctx) => {
        if (!value) return null;
        const at = localDateTimeIn(value, timeZone);
        if (!at) ctx.addIssue({ code: 'custom', message: 'channels:poll.errors.closesAtInvalid' });
        else if (at <= now()) ctx.addIssue({ code: 'custom', message: 'channels:poll.errors.closesInPast' });
        return at;
      }),
    })
    .superRefine((poll, ctx) => {
      if (poll.kind !== 'multiple' || poll.maxChoices === undefined) return;
      const most = Math.max(MIN_OPTIONS, poll.options.length);
      if (poll.maxChoices < 2 || poll.maxChoices > most)
        ctx.addIssue({ code: 'custom', path: ['maxChoices'], message: msg('channels:poll.errors.maxChoicesRange', { min: 2, max: most }) });
    })
    .transform((poll) => ({
      ...poll,
      // A single-choice poll takes one; a multiple-choice one up to every option unless limited.
      maxChoices: poll.kind === 'single' ? 1 : (poll.maxChoices ?? poll.options.length),
    }));
}
export type NewPollInput = z.output<ReturnType<typeof newPollSchema>>;

/** A vote: the chosen option keys (one radio button, or checkboxes), on the poll of a post. */
export const VoteFormSchema = z.object({
  intent: z.literal('vote'),
  postId: id,
  choices: z.preprocess(
    (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
    z.array(z.string().min(1).max(8)).min(1, 'channels:poll.errors.chooseOne').max(MAX_OPTIONS, 'channels:poll.errors.tooManyChoices'),
  ),
});

/** Closing a post's poll before its time (its author or a moderator). */
export const ClosePollFormSchema = z.object({ intent: z.literal('closePoll'), postId: id });
