import { describe, expect, it } from 'vitest';
import { DEMO, signedIn, textOf, type Client } from '../support/client';
import { postReply, startThread as startThreadIn } from '../support/forum';
import { withTestServer } from '../support/test-server';

/** In-app notifications through the real routes: replies to a followed thread are grouped while unread. */
const server = withTestServer();

async function useLanguage(client: Client, locale: 'en' | 'es') {
  await client.get('/');
  expect((await client.post('/language', { locale, redirectTo: '/' })).status).toBe(303);
}

const startThread = (client: Client, title: string, bodyText: string) => startThreadIn(client, 'n-riverside', title, bodyText);

/** Replies; the id of the post the answer points the reader to (`#post-<id>`). */
async function reply(client: Client, threadId: string, bodyText: string) {
  const res = await postReply(client, threadId, bodyText);
  expect(res.status).toBe(303);
  return /#post-([^#&?]+)$/.exec(res.headers.get('location') ?? '')![1];
}

describe('replies to a followed thread', () => {
  it('stay one notification while unread ("2 new replies"), leading to the first of them', async () => {
    const rosa = await signedIn(server.url, DEMO.resident);
    await useLanguage(rosa, 'en');
    await rosa.get('/channels/n-riverside/new');
    const started = await rosa.post('/channels/n-riverside/new', {
      title: 'Crosswalk paint worn on Elm St',
      bodyText: 'The crosswalk at Elm and 5th is barely visible.',
    });
    const threadId = /\/threads\/([^?#/]+)/.exec(started.headers.get('location') ?? '')![1];
    // Rosa has read everything so far.
    await rosa.page('/notifications');

    const captain = await signedIn(server.url, DEMO.captain);
    const liaison = await signedIn(server.url, DEMO.liaison);
    const first = await reply(captain, threadId, 'Agreed, I nearly missed it at night.');
    await reply(liaison, threadId, 'Public Works has it on the list for next week.');

    expect(textOf(await rosa.page('/channels'))).toContain('Notifications (1 new)');
    const page = await rosa.page('/notifications');
    expect(textOf(page)).toContain('2 new replies in "Crosswalk paint worn on Elm St"');
    expect(page).toContain(`/threads/${threadId}?from=${first}#post-${first}`);

    // Once read, the next reply starts a new notification.
    await reply(captain, threadId, 'Thanks for the update!');
    expect(textOf(await rosa.page('/channels'))).toContain('Notifications (1 new)');
    const later = textOf(await rosa.page('/notifications'));
    expect(later).toMatch(/replied in "Crosswalk paint worn on Elm St"/);
    expect(later).toContain('2 new replies in "Crosswalk paint worn on Elm St"');
  });

  it('are grouped in Spanish too', async () => {
    const rosa = await signedIn(server.url, DEMO.resident);
    await rosa.get('/channels/n-riverside/new');
    const started = await rosa.post('/channels/n-riverside/new', {
      title: 'Bache en la calle Olmo',
      bodyText: 'Hay un bache grande frente a la escuela.',
    });
    const threadId = /\/threads\/([^?#/]+)/.exec(started.headers.get('location') ?? '')![1];
    await rosa.page('/notifications');
    await reply(await signedIn(server.url, DEMO.captain), threadId, 'Lo vi también.');
    await reply(await signedIn(server.url, DEMO.liaison), threadId, 'Lo reparamos el lunes.');
    await useLanguage(rosa, 'es');
    expect(textOf(await rosa.page('/notifications'))).toContain('2 respuestas nuevas en "Bache en la calle Olmo"');
    // Rosa's seeded language.
    await useLanguage(rosa, 'es');
  });
});

describe('post notices', () => {
  it('count replies sent at the same moment into one notification', async () => {
    const rosa = await signedIn(server.url, DEMO.resident);
    await useLanguage(rosa, 'en');
    const threadId = await startThread(rosa, 'Bus stop bench broken', 'The bench at the Oak St stop lost a slat.');
    await rosa.page('/notifications');
    const repliers = await Promise.all([DEMO.captain, DEMO.liaison, DEMO.moderator].map((email) => signedIn(server.url, email)));
    await Promise.all(repliers.map((c) => c.get(`/threads/${threadId}`)));
    await Promise.all(repliers.map((c, i) => c.post(`/threads/${threadId}`, { bodyText: `Seen it too (${i}).` })));
    expect(textOf(await rosa.page('/notifications'))).toContain('3 new replies in "Bus stop bench broken"');
    await useLanguage(rosa, 'es');
  });
});
