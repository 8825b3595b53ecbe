import { describe, expect, it } from 'vitest';
import { parseForm, splitMessage } from '~/lib/forms';
import { SignUpSchema } from '~/modules/identity/schemas';
import { CitySchema, isTimeZone } from '~/modules/places/schemas';

function form(fields: Record<string, string>) {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.append(k, v);
  return data;
}

describe('parseForm', () => {
  it('returns i18n keys with values, keeps input but never passwords', () => {
    const result = parseForm(SignUpSchema, form({ displayName: '  ', email: 'x', password: 'short', locale: 'fr' }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.displayName).toEqual(['forms:required']);
    expect(result.errors.email).toEqual(['forms:email']);
    expect(splitMessage(result.errors.password[0])).toEqual(['forms:tooShort', { min: 10 }]);
    expect(result.errors.locale).toEqual(['forms:choose']);
    expect(result.values).toEqual({ displayName: '  ', email: 'x', locale: 'fr' });
  });

  it('trims and lower-cases e-mail, treats an empty optional select as absent', () => {
    const result = parseForm(
      SignUpSchema,
      form({ displayName: 'Ana', email: ' Ana@Example.ORG ', password: 'long enough pass', locale: 'es', neighborhoodId: '' }),
    );
    expect(result).toEqual({
      ok: true,
      data: { displayName: 'Ana', email: 'ana@example.org', password: 'long enough pass', locale: 'es', neighborhoodId: undefined },
    });
  });

  it('validates time zones through Intl', () => {
    expect(isTimeZone('America/Los_Angeles')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    const result = parseForm(CitySchema, form({ name: 'X', timeZone: 'Mars/Olympus', defaultLocale: 'en', fiscalYearStartMonth: '13' }));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(Object.keys(result.errors).sort()).toEqual(['fiscalYearStartMonth', 'timeZone']);
  });
});
