import { z } from 'zod';
import { checkbox, email, localizedText, msg, optionalText, slug, text } from '~/lib/forms';
import { isIsoDate } from '~/lib/time';

const id = () => z.string().min(1).max(40);

/** The forms of a group's page, one intent each (app/routes/groups.$slug.tsx). */
export const GroupPageActionSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('join') }),
  z.object({ intent: z.literal('leave') }),
  z.object({ intent: z.literal('approve'), membershipId: id() }),
  z.object({ intent: z.literal('decline'), membershipId: id() }),
  z.object({ intent: z.literal('alert'), body: text(1000) }),
]);
export type GroupPageAction = z.infer<typeof GroupPageActionSchema>;

/** A phone number as people write it: digits with spaces, dashes, dots, parentheses and a leading +. */
export const phone = () =>
  optionalText(30).refine((v) => v === undefined || /^\+?[0-9][0-9 ().-]{3,28}$/.test(v), { message: msg('blockwatch:errors.phone') });

/**
 * The forms of the members page (app/routes/groups.$slug_.members.tsx): a member's own sharing
 * choices and private calendar link, and the leaders' management of members and captains.
 */
export const MembersActionSchema = z.discriminatedUnion('intent', [
  z.object({
    intent: z.literal('share'),
    sharedName: optionalText(80),
    sharedStreet: optionalText(120),
    sharedPhone: phone(),
    sharedEmail: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), email().optional()),
    alertByMail: checkbox(),
  }),
  z.object({ intent: z.literal('remove'), membershipId: id() }),
  z.object({ intent: z.literal('coCaptain'), membershipId: id() }),
  z.object({ intent: z.literal('member'), membershipId: id() }),
  z.object({ intent: z.literal('handOver'), membershipId: id() }),
  z.object({ intent: z.literal('appoint'), email: email() }),
  z.object({ intent: z.literal('dismiss'), userId: id() }),
  z.object({ intent: z.literal('calendarLink') }),
  z.object({ intent: z.literal('calendarRevoke') }),
]);

/** The invite links page (app/routes/groups.$slug_.invites.tsx). */
export const InvitesActionSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('create') }),
  z.object({ intent: z.literal('revoke'), inviteId: id() }),
]);

/** Street segments or blocks, one per line, blank lines dropped (an empty field is no streets). */
const streetLines = () =>
  z
    .string()
    .max(4000)
    .optional()
    .transform((v) =>
      (v ?? '')
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter(Boolean),
    )
    // Refined on the list as a whole, so the message is the field's (not of a line of it).
    .superRefine((lines, ctx) => {
      if (lines.some((line) => line.length > 120))
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: msg('blockwatch:errors.streetTooLong') });
      if (lines.length > 40) ctx.addIssue({ code: z.ZodIssueCode.custom, message: msg('blockwatch:errors.tooManyStreets') });
    });

/** A new group (staff, app/routes/staff_.groups.tsx): its area and first captain. */
export const NewGroupSchema = z.object({
  name: text(80),
  slug: slug('blockwatch:errors.slug', 60, 3),
  description: localizedText(1000, 'none'),
  neighborhoodId: optionalText(40),
  streets: streetLines(),
  captainEmail: email(),
});
export type NewGroupInput = z.infer<typeof NewGroupSchema>;

/** The one button of an invite link's page (app/routes/groups.$slug_.join.$token.tsx). */
export const JoinByInviteSchema = z.object({ intent: z.literal('join') });

/** A datetime-local value (read in the city's zone by the use case). */
const localDateTime = () => z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, { message: msg('blockwatch:errors.dateTime') });

/** A meeting as scheduled on app/routes/groups.$slug_.meetings.new.tsx (the agenda in BodyFields). */
export const MeetingSchema = z.object({
  title: text(120),
  body: z.string().optional(),
  bodyText: z.string().optional(),
  startsAt: localDateTime(),
  endsAt: localDateTime(),
  place: optionalText(200),
  link: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z
      .string()
      .trim()
      .max(500)
      .url({ message: msg('blockwatch:errors.link') })
      .refine((v) => /^https?:\/\//i.test(v), { message: msg('blockwatch:errors.link') })
      .optional(),
  ),
  visibility: z.enum(['members', 'public']),
  repeat: z.enum(['none', 'weekly', 'monthlyByWeekday', 'monthlyByDay']),
  count: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().min(2).max(60).optional()),
  until: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z
      .string()
      .refine(isIsoDate, { message: msg('blockwatch:errors.date') })
      .optional(),
  ),
});
export type MeetingInput = z.infer<typeof MeetingSchema>;

/** The forms of a meeting's date page (app/routes/meetings.$id.$date.tsx). */
export const MeetingDateActionSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('rsvp'), answer: z.enum(['yes', 'no', 'maybe']) }),
  z.object({ intent: z.literal('cancelDate') }),
  z.object({ intent: z.literal('cancelSeries') }),
  z.object({ intent: z.literal('move'), startsAt: localDateTime(), endsAt: localDateTime() }),
  z.object({
    intent: z.literal('minutes'),
    body: z.string().optional(),
    bodyText: z.string().optional(),
    attendance: z.coerce
      .number({ invalid_type_error: msg('blockwatch:errors.attendance') })
      .int()
      .min(0)
      .max(10000),
  }),
]);

/** The community calendar's filters (app/routes/calendar.tsx, GET): a neighborhood's slug and the first day shown. */
export const CalendarFilterSchema = z.object({
  neighborhood: optionalText(80),
  from: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z.string().trim().refine(isIsoDate, msg('blockwatch:errors.date')).optional(),
  ),
});
