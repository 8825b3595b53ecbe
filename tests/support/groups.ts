import { expect } from 'vitest';
import type { Client } from './client';
import type { TestServer } from './server';
import { sqlOf } from './sql';
import { newResident } from './surveys';

/**
 * Block-watch groups for integration tests, made as people make them: staff create the group on
 * /staff/groups with a new resident as its captain, and members join through invite links.
 */
export type Person = Awaited<ReturnType<typeof newResident>>;

export const emailOf = async (server: TestServer, id: string) =>
  String((await sqlOf(server)(`SELECT email FROM "User" WHERE id = $1`, [id]))[0].email);

let groups = 0;
/** A new group made by `staff` on /staff/groups, with a new resident as its captain (in no neighborhood unless given). */
export async function newGroup(
  server: TestServer,
  staff: Client,
  options: { neighborhoodId?: string } = {},
): Promise<{ slug: string; id: string; captain: Person }> {
  const captain = await newResident(server.url, server.database.url);
  const slug = `test-watch-${Date.now().toString(36)}-${++groups}`;
  await staff.page('/staff/groups');
  const res = await staff.post('/staff/groups', {
    name: `Test Watch ${groups}`,
    slug,
    'description.en': 'Elm and Oak',
    'description.es': '',
    neighborhoodId: options.neighborhoodId ?? '',
    streets: 'Elm St, 100–300\n\n  Oak Ave  ',
    captainEmail: await emailOf(server, captain.id),
  });
  expect(res.status).toBe(303);
  expect(res.headers.get('location')).toBe(`/groups/${slug}/members`);
  const id = String((await sqlOf(server)(`SELECT id FROM "BlockWatchGroup" WHERE slug = $1`, [slug]))[0].id);
  return { slug, id, captain };
}

/** Makes an invite link as `leader` and returns its path. */
export async function inviteLink(slug: string, leader: Client): Promise<string> {
  await leader.page(`/groups/${slug}/invites`);
  const res = await leader.post(`/groups/${slug}/invites`, { intent: 'create' });
  expect(res.status).toBe(200);
  expect(res.headers.get('cache-control')).toContain('no-store');
  const url = /value="(http[^"]+\/join\/[^"]+)"/.exec(await res.text())![1];
  return new URL(url).pathname;
}

/** A new resident who is an active member of the group (joined through a fresh invite link). */
export async function newMember(server: TestServer, slug: string, leader: Client): Promise<Person> {
  const person = await newResident(server.url, server.database.url);
  const link = await inviteLink(slug, leader);
  await person.client.page(link);
  expect((await person.client.post(link, { intent: 'join' })).status).toBe(303);
  return person;
}
