import { expect } from 'vitest';
import { textOf, type Client } from './client';

/** A file for a multipart form's photo input. */
export type Upload = { name: string; type: string; bytes: Buffer };

/**
 * Posts the form of the page the client loaded last as multipart/form-data, like a browser
 * without JavaScript: the page's hidden fields (CSRF, honeypot, and the submission key and
 * version unless `fields` has them), `fields`, and `files` as photos (an empty photo input when
 * there are none). Keeps the cookies the answer sets.
 */
export async function postMultipart(
  client: Client,
  path: string,
  fields: Record<string, string | string[]>,
  files: Upload[] = [],
  headers: Record<string, string> = {},
) {
  const body = new FormData();
  body.append('csrf', client.csrf);
  const started = /name="form_started" value="([^"]+)"/.exec(client.lastHtml);
  if (started) body.append('form_started', started[1]);
  if (client.lastHtml.includes('name="website"')) body.append('website', '');
  for (const name of ['submissionKey', 'version']) {
    const hidden = new RegExp(`name="${name}" value="([^"]+)"`).exec(client.lastHtml);
    if (hidden && !(name in fields)) body.append(name, hidden[1]);
  }
  for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
  for (const f of files) body.append('photos', new Blob([new Uint8Array(f.bytes)], { type: f.type }), f.name);
  if (!files.length) body.append('photos', new Blob([], { type: 'application/octet-stream' }), '');
  return client.send(path, body, headers);
}

/** The code of the request a filing answer redirected to (its confirmation page), or undefined. */
export const filedCode = (res: Response) => /^\/requests\/([A-Z0-9]{8})\/filed$/.exec(res.headers.get('location') ?? '')?.[1];

/**
 * Files a service request through the real intake form like a browser would (multipart, with the
 * form's hidden fields and an empty photo input), keeping the cookies it sets. Returns the code.
 */
export async function fileRequest(
  client: Client,
  typeCode: string,
  fields: Record<string, string | string[]>,
  lang = 'en',
): Promise<string> {
  await client.get(`/requests/new/${typeCode}`, { 'Accept-Language': lang });
  const res = await postMultipart(client, `/requests/new/${typeCode}`, fields, [], { 'Accept-Language': lang });
  const code = filedCode(res);
  if (res.status !== 303 || !code)
    throw new Error(`filing answered ${res.status} (${res.headers.get('location')}): ${textOf(await res.text()).slice(0, 300)}`);
  return code;
}

/** Staff resolve a request ('Painted over.') and then close it, through its page's status form. */
export async function resolveAndClose(staff: Client, code: string) {
  const steps: Record<string, string>[] = [
    { intent: 'status', status: 'resolved', resolution: 'Painted over.' },
    { intent: 'status', status: 'closed' },
  ];
  for (const fields of steps) {
    await staff.get(`/requests/${code}`);
    expect((await staff.post(`/requests/${code}`, fields)).status).toBe(303);
  }
}

/** A graffiti report's answers (the demo catalog's simplest public-works type). */
export const GRAFFITI = { 'a.surface': 'wall', 'a.offensive': 'no', description: 'Tags on the wall.', address: '120 Main Street' };

/**
 * What a reader gets at /requests/<code>: the tracking page (its timeline), the public page of a
 * published request ("Follow it / me too", docs/decisions/0016-public-request-visibility.md), or
 * the status of anything else (404).
 */
export async function requestView(client: Client, code: string): Promise<'tracking' | 'public' | number> {
  const res = await client.get(`/requests/${code}`);
  if (res.status !== 200) return res.status;
  if (client.lastHtml.includes('id="timeline-heading"')) return 'tracking';
  return client.lastHtml.includes('id="metoo-heading"') ? 'public' : 200;
}

/**
 * A reader who may not track a request of a published type gets its public page only: none of
 * the tracking page's parts (timeline, contact, photos) and none of `hidden` (what its type does
 * not publish, such as a summary's description).
 */
export async function expectPublicViewOnly(client: Client, code: string, hidden: string[] = []) {
  expect(await requestView(client, code)).toBe('public');
  for (const part of ['id="timeline-heading"', 'id="contact-heading"', 'id="photos-heading"', '/photos/', ...hidden])
    expect(client.lastHtml).not.toContain(part);
}
