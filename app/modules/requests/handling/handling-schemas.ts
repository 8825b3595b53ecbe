import { z } from 'zod';
import { checkbox, msg, optionalText } from '~/lib/forms';
import { followUpAnswersSchema } from '../follow-up/follow-up-schemas';
import type { FieldDefinition } from '~/modules/requests/catalog/schemas';
import { PublicCodeSchema } from '../public-code';
import { TARGET_STATUSES } from '../values';

/**
 * The staff forms on a request's page, one schema for the route: a discriminated union on
 * `intent` (status, note, assignment, a follow-up answer typed in from a phone call). Shared by
 * the page's forms (browser) and the action (server).
 */
const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

const StatusChangeObject = z.object({
  intent: z.literal('status'),
  status: z.enum(TARGET_STATUSES),
  note: optionalText(4000),
  notePublic: checkbox(),
  resolution: optionalText(4000),
  reason: optionalText(2000),
  duplicateOf: z.preprocess(emptyToUndefined, PublicCodeSchema.optional()),
});
export type StatusChange = z.infer<typeof StatusChangeObject>;

/** What a status needs besides itself: a resolution, a reason, the original request. */
function checkStatusChange(v: StatusChange, ctx: z.RefinementCtx) {
  if (v.status === 'resolved' && !v.resolution)
    ctx.addIssue({ code: 'custom', path: ['resolution'], message: msg('requests:handle.errors.resolutionRequired') });
  if (v.status === 'declined' && !v.reason)
    ctx.addIssue({ code: 'custom', path: ['reason'], message: msg('requests:handle.errors.reasonRequired') });
  if (v.status === 'duplicate' && !v.duplicateOf)
    ctx.addIssue({ code: 'custom', path: ['duplicateOf'], message: msg('requests:handle.errors.duplicateRequired') });
}

const NoteObject = z.object({
  intent: z.literal('note'),
  note: z.string().trim().min(1).max(4000),
  notePublic: checkbox(),
});

const AssignObject = z.object({
  intent: z.literal('assign'),
  assignee: z.preprocess(emptyToUndefined, z.string().max(40).optional()),
});

/** The follow-up's answers, posted as `a.<key>` (answerName), validated against its questions. */
function followUpObject(questions: readonly FieldDefinition[]) {
  return followUpAnswersSchema(questions).extend({ intent: z.literal('followUp') });
}

export const HANDLE_INTENTS = ['status', 'note', 'assign', 'followUp'] as const;
export type HandleIntent = (typeof HANDLE_INTENTS)[number];

/** The request page's one action schema; `questions` are the follow-up's (none: no follow-up form). */
export function handleRequestSchema(questions: readonly FieldDefinition[] = []) {
  return z.discriminatedUnion('intent', [StatusChangeObject, NoteObject, AssignObject, followUpObject(questions)]).superRefine((v, ctx) => {
    if (v.intent === 'status') checkStatusChange(v, ctx);
  });
}
