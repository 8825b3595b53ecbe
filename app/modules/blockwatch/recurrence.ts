import * as rrulePackage from 'rrule';
import type { Options, RRule as Rule } from 'rrule';
import { localDateTimeIn, startOfDayIn, wallTimeIn, wallTimeOf } from '~/lib/time';

// rrule's Node entry is a CommonJS bundle whose names Node's ESM loader cannot see (scripts run by
// tsx: the seed, benchmarks); the app's server build bundles it and sees them (remix.config.js).
const { RRule, Weekday } = 'RRule' in rrulePackage ? rrulePackage : (rrulePackage as unknown as { default: typeof rrulePackage }).default;

/**
 * Meeting series (docs/decisions/0023-block-watch-design.md): stored as an RFC 5545 RRULE (COUNT
 * or UNTIL required, UNTIL in UTC as the RFC asks when the start has a zone), expanded with the
 * `rrule` library in the meeting's time zone. The expansion runs on wall-clock times ("18:30 on
 * the 2nd Tuesday") and turns each into its instant afterwards, so a series keeps its local time
 * across a daylight-saving change instead of drifting by an hour.
 */

export const REPEATS = ['none', 'weekly', 'monthlyByWeekday', 'monthlyByDay'] as const;
export type Repeat = (typeof REPEATS)[number];

/** A meeting's timing as stored. */
export type Timing = { startsAt: Date; endsAt: Date; timeZone: string; rrule: string | null };
/** One date of a meeting: its start in the series (the key of answers and changes) and when it happens. */
export type Occurrence = { originalStart: Date; startsAt: Date; endsAt: Date };

/** Longest series we expand: five years of weekly meetings. */
const MAX_OCCURRENCES = 260;

/** Wall-clock time in the zone as a "floating" Date whose UTC fields read that time. */
function floating(instant: Date, timeZone: string): Date {
  const [date, time] = wallTimeOf(instant, timeZone).split('T');
  const [y, m, d] = date.split('-').map(Number);
  const [h, min] = time.split(':').map(Number);
  return new Date(Date.UTC(y, m - 1, d, h, min));
}

/** The instant a floating Date stands for in the zone. */
function unfloat(wall: Date, timeZone: string): Date {
  return wallTimeIn(
    {
      year: wall.getUTCFullYear(),
      month: wall.getUTCMonth() + 1,
      day: wall.getUTCDate(),
      hour: wall.getUTCHours(),
      minute: wall.getUTCMinutes(),
    },
    timeZone,
  );
}

/** Which of its weekday a day is in its month: 1 to 4, or -1 for a 5th (the last, which not every month has). */
export function weekOfMonth(day: number): number {
  const n = Math.ceil(day / 7);
  return n >= 5 ? -1 : n;
}

/**
 * The RRULE for a meeting starting at `startsAt` in `timeZone` that repeats as asked and ends after
 * `count` meetings or on the day `until` (YYYY-MM-DD, inclusive); null for a single meeting.
 */
export function buildRrule(startsAt: Date, timeZone: string, repeat: Repeat, end: { count?: number; until?: string }): string | null {
  if (repeat === 'none') return null;
  const wall = floating(startsAt, timeZone);
  const weekday = new Weekday((wall.getUTCDay() + 6) % 7);
  const options: Partial<Options> =
    repeat === 'weekly'
      ? { freq: RRule.WEEKLY, byweekday: [weekday] }
      : repeat === 'monthlyByDay'
        ? { freq: RRule.MONTHLY, bymonthday: [wall.getUTCDate()] }
        : { freq: RRule.MONTHLY, byweekday: [weekday.nth(weekOfMonth(wall.getUTCDate()))] };
  if (end.count) options.count = end.count;
  // The end of the last day, in the zone, as a UTC instant.
  else if (end.until) options.until = new Date(startOfDayIn(end.until, timeZone, 1).getTime() - 1000);
  return new RRule(options).toString().replace(/^RRULE:/, '');
}

/** True if the rule ends (COUNT or UNTIL): a series that never ends is refused. */
export function ruleEnds(rrule: string): boolean {
  const options = RRule.parseString(rrule);
  return !!options.count || !!options.until;
}

function ruleFor(timing: Timing): Rule | null {
  if (!timing.rrule) return null;
  const options = RRule.parseString(timing.rrule);
  return new RRule({
    ...options,
    dtstart: floating(timing.startsAt, timing.timeZone),
    until: options.until ? floating(options.until, timing.timeZone) : null,
    tzid: null,
  });
}

/**
 * The dates of a meeting in [from, to] (by their start), before any single date is changed or
 * cancelled: the meeting itself, or each date of its series at the same wall-clock time and length.
 */
export function occurrencesBetween(timing: Timing, from: Date, to: Date): Occurrence[] {
  const rule = ruleFor(timing);
  if (!rule) {
    const one = { originalStart: timing.startsAt, startsAt: timing.startsAt, endsAt: timing.endsAt };
    return timing.startsAt >= from && timing.startsAt <= to ? [one] : [];
  }
  const length = floating(timing.endsAt, timing.timeZone).getTime() - floating(timing.startsAt, timing.timeZone).getTime();
  // A day's margin each side: floating times are off from instants by the zone's offset.
  const day = 24 * 3600 * 1000;
  const walls = rule.between(new Date(from.getTime() - day), new Date(to.getTime() + day), true, (_, i) => i < MAX_OCCURRENCES);
  return walls
    .map((wall) => {
      const startsAt = unfloat(wall, timing.timeZone);
      return { originalStart: startsAt, startsAt, endsAt: unfloat(new Date(wall.getTime() + length), timing.timeZone) };
    })
    .filter((o) => o.startsAt >= from && o.startsAt <= to);
}

/** Every date of the meeting (a series is capped at MAX_OCCURRENCES). */
export function allOccurrences(timing: Timing): Occurrence[] {
  const rule = ruleFor(timing);
  if (!rule) return [{ originalStart: timing.startsAt, startsAt: timing.startsAt, endsAt: timing.endsAt }];
  return occurrencesBetween(timing, timing.startsAt, unfloat(rule.all((_, i) => i < MAX_OCCURRENCES).at(-1)!, timing.timeZone));
}

/** The start of the last date of the meeting (lists and feeds stop looking after it). */
export function lastStart(timing: Timing): Date {
  return allOccurrences(timing).at(-1)?.startsAt ?? timing.startsAt;
}

/** The date of the meeting whose original start falls on `day` (YYYY-MM-DD in the meeting's zone), or null. */
export function occurrenceOn(timing: Timing, day: string): Occurrence | null {
  const from = localDateTimeIn(`${day}T00:00`, timing.timeZone);
  if (!from) return null;
  const to = new Date(startOfDayIn(day, timing.timeZone, 1).getTime() - 1);
  return occurrencesBetween(timing, from, to)[0] ?? null;
}
