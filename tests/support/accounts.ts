import { expect } from 'vitest';
import { Client, uniqueEmail } from './client';
import { linkIn } from './mail-catcher';
import type { TestServer } from './server';

/**
 * A new resident, signed up through the real form (English), verified through the link in the
 * real mail and signed in: their client and e-mail address.
 */
export async function newVerifiedMember(
  server: TestServer,
  displayName: string,
  options: { emailPrefix?: string; password?: string } = {},
): Promise<{ client: Client; email: string }> {
  const email = uniqueEmail(options.emailPrefix ?? 'member');
  const password = options.password ?? 'a long enough passphrase';
  const client = new Client(server.url);
  await client.get('/signup');
  const res = await client.post('/signup', { displayName, email, password, locale: 'en', neighborhoodId: '', acceptTerms: 'on' });
  expect(res.status).toBe(303);
  const mail = await server.mail.waitFor(email, (m) => m.subject.includes('Confirm'));
  await client.get(linkIn(mail, server.url).slice(server.url.length));
  await client.signIn(email, password);
  return { client, email };
}
