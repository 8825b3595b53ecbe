import { createInstance, type i18n as I18n } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { i18nOptions, rememberTranslations } from '~/lib/i18n.server';

/**
 * The rendering instances remember translations (app/lib/i18n.server.ts rememberTranslations):
 * every call gives what i18next gives, whether remembered, not rememberable, or after the memory
 * was cleared.
 */
let plain: I18n;
let remembering: I18n;

beforeAll(async () => {
  plain = createInstance();
  await plain.init({ ...i18nOptions(), lng: 'es' });
  const made = createInstance();
  await made.init({ ...i18nOptions(), lng: 'es' });
  remembering = rememberTranslations(made, 5);
});

describe('remembered translations', () => {
  const calls: [string, unknown[]][] = [
    ['plural one', ['results.answerSets', { count: 1, formattedCount: '1' }]],
    ['plural other', ['results.answerSets', { count: 12, formattedCount: '12' }]],
    ['interpolation', ['answer.progress', { current: 2, total: 3 }]],
    ['list of keys', [['nope.missing', 'answer.backToSurvey']]],
    ['default value', ['nope.missing', 'Por defecto']],
    ['another namespace', ['common:layout.skip']],
  ];

  it('gives what i18next gives, the first time and again', () => {
    const a = plain.getFixedT('es', ['surveys', 'common']) as unknown as (...args: unknown[]) => unknown;
    const b = remembering.getFixedT('es', ['surveys', 'common']) as unknown as (...args: unknown[]) => unknown;
    for (let round = 0; round < 3; round++) for (const [name, args] of calls) expect([name, b(...args)]).toEqual([name, a(...args)]);
    expect(b('common:layout.skip')).toBe('Saltar al contenido principal');
    // Spanish, not English copies: the remembered text is the language's own.
    expect(b('results.answerSets', { count: 12, formattedCount: '12' })).not.toBe(
      (remembering.getFixedT('en', 'surveys') as unknown as (...args: unknown[]) => unknown)('results.answerSets', {
        count: 12,
        formattedCount: '12',
      }),
    );
  });

  it('asks i18next every time for arguments that are not plain values', () => {
    const b = remembering.getFixedT('es', 'surveys') as unknown as (...args: unknown[]) => unknown;
    let asked = 0;
    const value = {
      toString() {
        asked++;
        return `v${asked}`;
      },
    };
    b('answer.progress', { current: value, total: 3 });
    const second = b('answer.progress', { current: value, total: 3 });
    expect(asked).toBe(2);
    expect(second).toContain('v2');
  });
});
