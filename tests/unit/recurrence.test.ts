import { describe, expect, it } from 'vitest';
import { allOccurrences, buildRrule, lastStart, occurrenceOn, occurrencesBetween, ruleEnds } from '~/modules/blockwatch/recurrence';
import { localDateTimeIn } from '~/lib/time';

/**
 * Meeting series in the city's zone: wall-clock times kept across daylight-saving changes (Los
 * Angeles changes on 8 March and 1 November 2026), RRULEs as RFC 5545 writes them, and the end a
 * series must have.
 */
const ZONE = 'America/Los_Angeles';
const at = (local: string) => localDateTimeIn(local, ZONE)!;
const wall = (d: Date) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, dateStyle: 'short', timeStyle: 'short', hourCycle: 'h23' }).format(d);

describe('meeting recurrence', () => {
  it('keeps 18:30 local on the 2nd Tuesday of each month across the March and November changes', () => {
    const startsAt = at('2026-02-10T18:30');
    const rrule = buildRrule(startsAt, ZONE, 'monthlyByWeekday', { count: 10 })!;
    expect(rrule).toBe('FREQ=MONTHLY;BYDAY=+2TU;COUNT=10');
    const dates = allOccurrences({ startsAt, endsAt: at('2026-02-10T20:00'), timeZone: ZONE, rrule });
    expect(dates.map((o) => wall(o.startsAt))).toEqual([
      '2026-02-10, 18:30',
      '2026-03-10, 18:30',
      '2026-04-14, 18:30',
      '2026-05-12, 18:30',
      '2026-06-09, 18:30',
      '2026-07-14, 18:30',
      '2026-08-11, 18:30',
      '2026-09-08, 18:30',
      '2026-10-13, 18:30',
      '2026-11-10, 18:30',
    ]);
    // In UTC the hour moves with the clocks: 02:30Z in winter, 01:30Z in summer.
    expect(dates[0].startsAt.toISOString()).toBe('2026-02-11T02:30:00.000Z');
    expect(dates[1].startsAt.toISOString()).toBe('2026-03-11T01:30:00.000Z');
    expect(dates[9].startsAt.toISOString()).toBe('2026-11-11T02:30:00.000Z');
    // Every date keeps its length of 90 minutes.
    for (const o of dates) expect(o.endsAt.getTime() - o.startsAt.getTime()).toBe(90 * 60 * 1000);
    expect(lastStart({ startsAt, endsAt: at('2026-02-10T20:00'), timeZone: ZONE, rrule }).toISOString()).toBe('2026-11-11T02:30:00.000Z');
  });

  it('writes weekly and monthly-by-day rules, a 5th weekday as the last one, and an end date in UTC', () => {
    expect(buildRrule(at('2026-04-02T19:00'), ZONE, 'weekly', { count: 4 })).toBe('FREQ=WEEKLY;BYDAY=TH;COUNT=4');
    expect(buildRrule(at('2026-04-15T19:00'), ZONE, 'monthlyByDay', { count: 3 })).toBe('FREQ=MONTHLY;BYMONTHDAY=15;COUNT=3');
    expect(buildRrule(at('2026-04-30T19:00'), ZONE, 'monthlyByWeekday', { count: 3 })).toBe('FREQ=MONTHLY;BYDAY=-1TH;COUNT=3');
    // Until the end of 30 June in Los Angeles: 07:00Z on 1 July, less a second.
    const until = buildRrule(at('2026-04-02T19:00'), ZONE, 'weekly', { until: '2026-06-30' })!;
    expect(until).toBe('FREQ=WEEKLY;BYDAY=TH;UNTIL=20260701T065959Z');
    const dates = allOccurrences({ startsAt: at('2026-04-02T19:00'), endsAt: at('2026-04-02T20:00'), timeZone: ZONE, rrule: until });
    expect(dates).toHaveLength(13);
    expect(wall(dates.at(-1)!.startsAt)).toBe('2026-06-25, 19:00');
    expect(buildRrule(at('2026-04-02T19:00'), ZONE, 'none', {})).toBeNull();
  });

  it('tells a rule that ends from one that never does', () => {
    expect(ruleEnds('FREQ=WEEKLY;COUNT=4')).toBe(true);
    expect(ruleEnds('FREQ=WEEKLY;UNTIL=20260701T065959Z')).toBe(true);
    expect(ruleEnds('FREQ=WEEKLY;BYDAY=TH')).toBe(false);
  });

  it('finds the date of a series on a given day, and the dates in a window', () => {
    const timing = {
      startsAt: at('2026-10-06T19:00'),
      endsAt: at('2026-10-06T20:00'),
      timeZone: ZONE,
      rrule: 'FREQ=WEEKLY;COUNT=6;BYDAY=TU',
    };
    expect(wall(occurrenceOn(timing, '2026-11-03')!.startsAt)).toBe('2026-11-03, 19:00');
    expect(occurrenceOn(timing, '2026-11-04')).toBeNull();
    expect(occurrenceOn(timing, 'nonsense')).toBeNull();
    const window = occurrencesBetween(timing, at('2026-10-20T00:00'), at('2026-11-04T00:00'));
    expect(window.map((o) => wall(o.startsAt))).toEqual(['2026-10-20, 19:00', '2026-10-27, 19:00', '2026-11-03, 19:00']);
    const single = { ...timing, rrule: null };
    expect(occurrenceOn(single, '2026-10-06')!.startsAt).toEqual(timing.startsAt);
    expect(occurrencesBetween(single, at('2026-10-07T00:00'), at('2026-12-01T00:00'))).toEqual([]);
  });
});
