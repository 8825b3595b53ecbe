import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { matchMention } from '~/modules/content/components/mentions-plugin';
import { foldText } from '~/lib/text';
import { globWordPrefix, likeEscape, nameMatches } from '~/modules/content/mentions';

/** Name matching for @mentions: the editor's check and SQLite's GLOB pattern agree. */
const NAMES = [
  'Lucía Park (Public Works)',
  'Ángela Núñez',
  "Zoë O'Neil-Sáenz",
  'Samuel Ortiz (staff)',
  'Rosa Delgado',
  'Łukasz Łódź',
  'Жанна Петрова',
  'a*b?c[d]%_',
];
const QUERIES = [
  'luc',
  'LUCIA',
  'lucía',
  'park',
  'ark',
  'works',
  'angela',
  'ÁNGELA',
  'nun',
  'ÑÚÑ',
  'neil',
  'saenz',
  "o'n",
  'zoe',
  'staff',
  '(staff',
  'rosa d',
  'rosa  d',
  'lodz',
  'жан',
  'ПЕТ',
  '*',
  'a*',
  'b?',
  'c[',
  '[d',
  'd]',
  '%',
  '_',
  'a?b',
  'x',
];

describe('mention name matching', () => {
  const db = new Database(':memory:');
  afterAll(() => db.close());
  const glob = (name: string, q: string) =>
    (db.prepare(`SELECT (' ' || ?) GLOB ? AS m`).get(name, globWordPrefix(q)) as { m: number }).m === 1;

  it('folds case and accents', () => {
    expect(foldText('Ángela NÚÑEZ')).toBe('angela nunez');
    expect(foldText('Łódź')).toBe('lodz');
  });

  it('matches the start of the name or of one of its words, ignoring case and accents', () => {
    expect(nameMatches('Lucía Park (Public Works)', 'LUCIA')).toBe(true);
    expect(nameMatches('Lucía Park (Public Works)', 'park')).toBe(true);
    expect(nameMatches('Lucía Park (Public Works)', 'works')).toBe(true);
    expect(nameMatches('Lucía Park (Public Works)', 'ark')).toBe(false);
    expect(nameMatches("Zoë O'Neil-Sáenz", 'saenz')).toBe(true);
    expect(nameMatches("Zoë O'Neil-Sáenz", 'neil')).toBe(true);
    expect(nameMatches('Rosa Delgado', '   ')).toBe(false);
  });

  it('gives SQLite a GLOB pattern that agrees with the editor on every name, wildcards included', () => {
    const disagreements: string[] = [];
    for (const q of QUERIES) for (const name of NAMES) if (glob(name, q) !== nameMatches(name, q)) disagreements.push(`${q} / ${name}`);
    expect(disagreements).toEqual([]);
    expect(glob('Ángela Núñez', 'nun')).toBe(true);
    expect(glob('Жанна Петрова', 'ПЕТ')).toBe(true);
    expect(glob('Rosa Delgado', '*')).toBe(false);
    expect(glob('Rosa Delgado', '?osa')).toBe(false);
  });

  it('escapes LIKE wildcards for PostgreSQL', () => {
    expect(likeEscape('50%_a\\b')).toBe('50\\%\\_a\\\\b');
  });
});

describe('the editor trigger', () => {
  it('opens on "@" and at least one character after a space, a parenthesis or the line start', () => {
    expect(matchMention('@r')).toEqual({ leadOffset: 0, matchingString: 'r', replaceableString: '@r' });
    expect(matchMention('Thanks @Luc')).toEqual({ leadOffset: 7, matchingString: 'Luc', replaceableString: '@Luc' });
    expect(matchMention('(cc @ana')?.matchingString).toBe('ana');
    expect(matchMention("hi @o'neil-s")?.matchingString).toBe("o'neil-s");
    expect(matchMention('hi @Rosa D')?.matchingString).toBe('Rosa D');
    expect(matchMention('hi @Rosa ')?.matchingString).toBe('Rosa ');
  });

  it('stays closed for a bare "@", an e-mail address, punctuation, four words or a long query', () => {
    expect(matchMention('@')).toBeNull();
    expect(matchMention('write to rosa@example')).toBeNull();
    expect(matchMention('hi @rosa.')).toBeNull();
    expect(matchMention('hi @rosa  d')).toBeNull();
    expect(matchMention('@one two three four')).toBeNull();
    expect(matchMention(`@${'a'.repeat(51)}`)).toBeNull();
  });
});
