import { z } from 'zod';
import { checkbox, msg, optionalText } from '~/lib/forms';
import { PublicCodeSchema } from '../public-code';
import { TARGET_STATUSES } from '../values';

/** The staff handling forms on a request's page (status, note, assignment). */
const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

export const StatusChangeSchema = z
  .object({
    intent: z.literal('status'),
    status: z.enum(TARGET_STATUSES),
    note: optionalText(4000),
    notePublic: checkbox(),
    resolution: optionalText(4000),
    reason: optionalText(2000),
    duplicateOf: z.preprocess(emptyToUndefined, PublicCodeSchema.optional()),
  })
  .superRefine((v, ctx) => {
    if (v.status === 'resolved' && !v.resolution) ctx.addIssue({ code: 'custom', path: ['resolution'], message: msg('requests:handle.errors.resolutionRequired') });
    if (v.status === 'declined' && !v.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: msg('requests:handle.errors.reasonRequired') });
    if (v.status === 'duplicate' && !v.duplicateOf) ctx.addIssue({ code: 'custom', path: ['duplicateOf'], message: msg('requests:handle.errors.duplicateRequired') });
  });
export type StatusChange = z.infer<typeof StatusChangeSchema>;

export const NoteSchema = z.object({
  intent: z.literal('note'),
  note: z.string().trim().min(1).max(4000),
  notePublic: checkbox(),
});

export const AssignSchema = z.object({
  intent: z.literal('assign'),
  assignee: z.preprocess(emptyToUndefined, z.string().max(40).optional()),
});

export const HandleIntentSchema = z.object({ intent: z.enum(['status', 'note', 'assign', 'followUp']) });
