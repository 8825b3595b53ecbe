import { parseWithZod } from '@conform-to/zod';
import { describe, expect, it } from 'vitest';
import { splitMessage } from '~/lib/forms';
import { replyForm } from '~/lib/respond.server';
import { SignUpSchema } from '~/modules/identity/schemas';
import { CitySchema, isTimeZone } from '~/modules/places/schemas';

/** The field errors of a submission that must have failed. */
function errorsOf(submission: { status?: string; error?: Record<string, string[] | null> | null }) {
  expect(submission.status).toBe('error');
  return submission.error ?? {};
}

function form(fields: Record<string, string>) {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.append(k, v);
  return data;
}

describe('forms through parseWithZod and replyForm', () => {
  it('returns i18n keys with values, keeps input but never passwords', async () => {
    const submission = parseWithZod(form({ displayName: '  ', email: 'x', password: 'short', locale: 'fr' }), { schema: SignUpSchema });
    const errors = errorsOf(submission);
    expect(errors.displayName).toEqual(['forms:required']);
    expect(errors.email).toEqual(['forms:email']);
    expect(splitMessage(errors.password![0])).toEqual(['forms:tooShort', { min: 10 }]);
    expect(errors.locale).toEqual(['forms:choose']);
    const reply = replyForm(submission);
    expect(reply.status).toBe(400);
    const body = await reply.json();
    expect(body.initialValue).toEqual({ displayName: '  ', email: 'x', locale: 'fr' });
    expect(JSON.stringify(body)).not.toContain('short');
  });

  it('trims and lower-cases e-mail, treats an empty optional select as absent', () => {
    const submission = parseWithZod(
      form({
        displayName: 'Ana',
        email: ' Ana@Example.ORG ',
        password: 'long enough pass',
        locale: 'es',
        neighborhoodId: '',
        acceptTerms: 'on',
      }),
      { schema: SignUpSchema },
    );
    expect(submission.status).toBe('success');
    if (submission.status !== 'success') return;
    expect(submission.value).toEqual({
      displayName: 'Ana',
      email: 'ana@example.org',
      password: 'long enough pass',
      locale: 'es',
      neighborhoodId: undefined,
      acceptTerms: true,
    });
  });

  it('validates time zones through Intl', () => {
    expect(isTimeZone('America/Los_Angeles')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    const submission = parseWithZod(form({ name: 'X', timeZone: 'Mars/Olympus', defaultLocale: 'en', fiscalYearStartMonth: '13' }), {
      schema: CitySchema,
    });
    expect(Object.keys(errorsOf(submission)).sort()).toEqual(['fiscalYearStartMonth', 'timeZone']);
  });
});
