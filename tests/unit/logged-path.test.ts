import { describe, expect, it } from 'vitest';
import { loggedPath } from '../../server/logged-path';

describe('the request log path', () => {
  it('drops the query string and the tokens of invite links and private calendar feeds', () => {
    expect(loggedPath('/groups/las-flores/join/AbC_12-xyz?x=1')).toBe('/groups/las-flores/join/[secret]');
    expect(loggedPath('/calendars/AbC_12-xyz.ics')).toBe('/calendars/[secret]');
    expect(loggedPath('/reset-password?token=abc')).toBe('/reset-password');
    expect(loggedPath('/groups/las-flores/members')).toBe('/groups/las-flores/members');
    expect(loggedPath('/calendar.ics?neighborhood=riverside')).toBe('/calendar.ics');
  });
});
