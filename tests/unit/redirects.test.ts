import { describe, expect, it } from 'vitest';
import { safeRedirectPath } from '~/lib/http.server';

describe('safeRedirectPath', () => {
  it.each([
    ['/account', '/account'],
    ['/threads/abc?from=x#post-x', '/threads/abc?from=x#post-x'],
    ['//evil.example', '/'],
    ['/\\evil.example', '/'],
    ['/\t/evil.example', '/'],
    ['/\n/evil.example', '/'],
    ['https://evil.example', '/'],
    ['javascript:alert(1)', '/'],
    ['', '/'],
    [null, '/'],
  ])('%j → %j', (input, expected) => {
    expect(safeRedirectPath(input)).toBe(expected);
  });
});
