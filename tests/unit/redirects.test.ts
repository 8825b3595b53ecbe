import { describe, expect, it } from 'vitest';
import { safeRedirectPath } from '~/lib/http.server';

describe('safeRedirectPath', () => {
  it.each([
    ['/account', '/account'],
    ['/threads/abc?from=x#post-x', '/threads/abc?from=x#post-x'],
    ['/a/../b', '/b'],
    ['/channels/n-riverside?after=x', '/channels/n-riverside?after=x'],
    ['//evil.example', '/'],
    ['/..//evil.example', '/'],
    ['/.//evil.example', '/'],
    ['/a/..//evil.example', '/'],
    ['/%2e%2e//evil.example', '/'],
    ['/%2E%2E//evil.example', '/'],
    ['/.%2e//evil.example', '/'],
    ['/\\evil.example', '/'],
    ['/%5c/evil.example', '/%5c/evil.example'],
    ['/\t/evil.example', '/'],
    ['/\n/evil.example', '/'],
    ['/\r/evil.example', '/'],
    ['/\u0085/evil.example', '/'],
    ['https://evil.example', '/'],
    ['javascript:alert(1)', '/'],
    ['', '/'],
    [null, '/'],
  ])('%j → %j', (input, expected) => {
    expect(safeRedirectPath(input)).toBe(expected);
  });

  /**
   * Fuzz: every sequence of up to three pieces, and longer seeded mixes of them (dot segments, slashes, percent-encodings of ".",
   * "/" and "\", backslashes, tabs, newlines, hosts, schemes) after a leading "/". Whatever the
   * helper returns must be the fallback or a path that a browser, reading it leniently (dropping
   * tabs and newlines, "\" as "/"), resolves to this site, and that is stable when resolved again.
   */
  const PIECES = [
    '/',
    '//',
    '.',
    '..',
    '%2e',
    '%2E',
    '%2e%2e',
    '.%2e',
    '%2f',
    '%2F',
    '%5c',
    '%5C',
    '\\',
    '\t',
    '\n',
    '\r',
    'evil.example',
    '@evil.example',
    ':',
    'https:',
    '?',
    '#',
    ' ',
    '%09',
    '%00',
    'a',
  ];
  const SITE = 'https://town.example';
  const lenient = (path: string) => path.replace(/[\t\n\r]/g, '').replace(/\\/g, '/');

  function* sequences(depth: number, prefix: string): Generator<string> {
    yield prefix;
    if (depth === 0) return;
    for (const piece of PIECES) yield* sequences(depth - 1, prefix + piece);
  }

  /** Longer mixes, from a seeded generator (the same cases every run). */
  function* mixes(count: number, seed = 10): Generator<string> {
    let state = seed;
    const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32;
    for (let i = 0; i < count; i++) {
      let input = '/';
      for (let n = 4 + Math.floor(next() * 6); n > 0; n--) input += PIECES[Math.floor(next() * PIECES.length)];
      yield input;
    }
  }

  it('never leaves the site, over dot segments, encodings, backslashes and control characters', () => {
    let checked = 0;
    let kept = 0;
    for (const input of [...sequences(3, '/'), ...mixes(30_000)]) {
      const out = safeRedirectPath(input, '/fallback');
      checked++;
      if (out === '/fallback') continue;
      kept++;
      expect(out.startsWith('/') && !out.startsWith('//'), input).toBe(true);
      expect(new URL(lenient(out), SITE).origin, JSON.stringify(input)).toBe(SITE);
      expect(new URL(out, SITE).origin, JSON.stringify(input)).toBe(SITE);
      expect(safeRedirectPath(out, '/fallback'), JSON.stringify(input)).toBe(out);
    }
    expect(checked).toBeGreaterThan(45_000);
    expect(kept).toBeGreaterThan(1000);
  });
});
