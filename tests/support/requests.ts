import { textOf, type Client } from './client';

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
  const body = new FormData();
  body.append('csrf', client.csrf);
  for (const name of ['form_started', 'submissionKey', 'version']) {
    const m = new RegExp(`name="${name}" value="([^"]+)"`).exec(client.lastHtml);
    if (m) body.append(name, m[1]);
  }
  if (client.lastHtml.includes('name="website"')) body.append('website', '');
  for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
  body.append('photos', new Blob([], { type: 'application/octet-stream' }), '');
  const cookie = [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  const res = await fetch(`${client.base}/requests/new/${typeCode}`, {
    method: 'POST',
    body,
    redirect: 'manual',
    headers: { Cookie: cookie, Origin: client.base, 'Accept-Language': lang },
  });
  for (const line of res.headers.getSetCookie()) {
    const [pair] = line.split(';');
    const eq = pair.indexOf('=');
    if (pair.slice(eq + 1).trim()) client.cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
  }
  const code = /^\/requests\/([A-Z0-9]{8})\/filed$/.exec(res.headers.get('location') ?? '')?.[1];
  if (res.status !== 303 || !code)
    throw new Error(`filing answered ${res.status} (${res.headers.get('location')}): ${textOf(await res.text()).slice(0, 300)}`);
  return code;
}

/** A graffiti report's answers (the demo catalog's simplest public-works type). */
export const GRAFFITI = { 'a.surface': 'wall', 'a.offensive': 'no', description: 'Tags on the wall.', address: '120 Main Street' };
