import { Honeypot } from 'remix-utils/honeypot/server';
import { describe, expect, it } from 'vitest';
import { Client, textOf, uniqueEmail } from '../support/client';
import { withTestServer } from '../support/test-server';
import { sql } from '../support/sql';

/**
 * The honeypot of the public forms, through the real routes: a post without its fields is a bot
 * (refused like a filled-in trap), a repeated, non-text or forged field is a bad request (400),
 * never a 500, and both answers are the localized error page. Nothing is stored.
 */
const server = withTestServer();

const count = async (table: string) => Number((await sql(server.database.url, `SELECT COUNT(*) AS n FROM "${table}"`))[0].n);
const field = (html: string, name: string) => new RegExp(`name="${name}" value="([^"]+)"`).exec(html)?.[1] ?? '';

/** Posts the sign-up form url-encoded with exactly these honeypot entries (no others). */
async function signUp(honeypot: [string, string][], lang = 'en') {
  const client = new Client(server.url);
  await client.get('/signup', { 'Accept-Language': lang });
  const body = new URLSearchParams([
    ['csrf', client.csrf],
    ...honeypot,
    ['displayName', 'Bot or not'],
    ['email', uniqueEmail('hp')],
    ['password', 'a decent passphrase'],
    ['locale', 'en'],
    ['acceptTerms', 'on'],
  ]);
  return client.send('/signup', body, { 'Accept-Language': lang });
}

/** Posts the anonymous request form as multipart with exactly these honeypot entries. */
async function fileRequest(honeypot: [string, string | Blob][]) {
  const client = new Client(server.url);
  await client.get('/requests/new/other');
  const body = new FormData();
  body.append('csrf', client.csrf);
  body.append('submissionKey', field(client.lastHtml, 'submissionKey'));
  body.append('version', field(client.lastHtml, 'version'));
  for (const [k, v] of honeypot) body.append(k, v);
  body.append('a.safety', 'no');
  body.append('description', 'A honeypot test report.');
  return client.send('/requests/new/other', body);
}

/** The test server's secret (support/server.ts), which seals the form's start time. */
const SECRET = 'test-secret-that-is-long-enough-for-the-schema';

/** A sealed start time with one bit of its sealed part flipped. */
function tamper(sealed: string) {
  const [iv, body, tag] = sealed.split('.');
  const bytes = Buffer.from(body!, 'base64url');
  bytes[0]! ^= 1;
  return [iv, bytes.toString('base64url'), tag].join('.');
}

async function startedValue(path: string) {
  const client = new Client(server.url);
  return field(await client.page(path), 'form_started');
}

describe('honeypot on public forms', () => {
  it('accepts the form as a browser sends it', async () => {
    const started = await startedValue('/signup');
    expect(started.split('.')).toHaveLength(3); // iv.sealed.tag (Node's AES-GCM)
    expect(
      (
        await signUp([
          ['website', ''],
          ['form_started', started],
        ])
      ).status,
    ).toBe(303);
    expect(
      (
        await fileRequest([
          ['website', ''],
          ['form_started', await startedValue('/requests/new/other')],
        ])
      ).status,
    ).toBe(303);
  });

  it('accepts a form opened before the start time was sealed by Node (crypto-js, as before the upgrade)', async () => {
    const sealedBefore = new Honeypot({ encryptionSeed: SECRET }).getInputProps({
      validFromTimestamp: Date.now() - 60_000,
    }).encryptedValidFrom;
    expect(sealedBefore).not.toContain('.');
    expect(
      (
        await signUp([
          ['website', ''],
          ['form_started', sealedBefore],
        ])
      ).status,
    ).toBe(303);
    const future = new Honeypot({ encryptionSeed: SECRET }).getInputProps({ validFromTimestamp: Date.now() + 60_000 }).encryptedValidFrom;
    expect(
      (
        await signUp([
          ['website', ''],
          ['form_started', future],
        ])
      ).status,
    ).toBe(400);
  });

  it('refuses a post without the honeypot fields (a bot posting to the URL), with a localized page', async () => {
    const users = await count('User');
    const requests = await count('ServiceRequest');
    for (const fields of [[], [['website', '']]] as [string, string][][]) {
      const res = await signUp(fields, 'es');
      expect(res.status).toBe(400);
      expect(textOf(await res.text())).toContain('Algo en la solicitud no era correcto');
      expect((await fileRequest(fields)).status).toBe(400);
    }
    expect((await signUp([['form_started', await startedValue('/signup')]])).status).toBe(400);
    expect(await count('User')).toBe(users);
    expect(await count('ServiceRequest')).toBe(requests);
  });

  it('answers 400, never 500, to a repeated, non-text or forged field', async () => {
    const users = await count('User');
    const requests = await count('ServiceRequest');
    const started = await startedValue('/signup');
    const cases: [string, string][][] = [
      [
        ['website', ''],
        ['website', ''],
        ['form_started', started],
      ],
      [
        ['website', ''],
        ['form_started', started],
        ['form_started', started],
      ],
      [
        ['website', ''],
        ['form_started', 'not-a-timestamp'],
      ],
      [
        ['website', ''],
        ['form_started', 'U2FsdGVkX1+AAAAAAAAAAA=='],
      ],
      [
        ['website', ''],
        ['form_started', '%%%'],
      ],
      [
        ['website', 'http://spam.example'],
        ['form_started', started],
      ],
      // Sealed with another key, tampered with, or with a shortened tag.
      [
        ['website', ''],
        ['form_started', 'AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA'],
      ],
      [
        ['website', ''],
        ['form_started', tamper(started)],
      ],
      [
        ['website', ''],
        ['form_started', started.slice(0, started.lastIndexOf('.') + 6)],
      ],
      [
        ['website', ''],
        ['form_started', 'a.b.c.d'],
      ],
    ];
    for (const fields of cases) {
      const res = await signUp(fields, 'es');
      expect(res.status, JSON.stringify(fields)).toBe(400);
      expect(textOf(await res.text())).toContain('Algo en la solicitud no era correcto');
    }
    const requestStarted = await startedValue('/requests/new/other');
    const multipart: [string, string | Blob][][] = [
      [
        ['website', new Blob(['x'], { type: 'text/plain' })],
        ['form_started', requestStarted],
      ],
      [
        ['website', ''],
        ['form_started', new Blob([requestStarted], { type: 'text/plain' })],
      ],
      [
        ['website', ''],
        ['website', ''],
        ['form_started', requestStarted],
      ],
      [
        ['website', ''],
        ['form_started', 'garbage=='],
      ],
    ];
    for (const fields of multipart) expect((await fileRequest(fields)).status).toBe(400);
    expect(await count('User')).toBe(users);
    expect(await count('ServiceRequest')).toBe(requests);
  });
});
