import { chromium, type Browser, type Page, type WebSocketRoute } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, signedIn, type Client } from '../support/client';
import { reply as replyAs, startThread as startThreadAs } from '../support/forum';
import { withTestServer } from '../support/test-server';
import { sql } from '../support/sql';

/**
 * Live updates in a real browser (Chromium, the page's own socket.io client) against the real
 * server: they survive a server restart (a deploy), events that arrive out of order, and an
 * absence longer than the server replays.
 */
const server = withTestServer();
let browser: Browser;
let staff: Client;
beforeAll(async () => {
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
  });
  staff = await signedIn(server.url, DEMO.staff);
});
afterAll(async () => {
  await browser?.close();
});

const startThread = (title: string) => startThreadAs(staff, 'n-riverside', title, `${title}, details inside.`);
const reply = (threadId: string, bodyText: string) => replyAs(staff, threadId, bodyText);

/** A page whose script errors are collected, with its socket passed through `route` if given. */
async function openPage(path: string, route?: (ws: WebSocketRoute) => void) {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  if (route) await page.routeWebSocket(/\/socket\.io\//, route);
  await page.goto(server.url + path);
  return { page, errors };
}

const banner = (page: Page, count: number) =>
  page.getByRole('button', { name: count === 1 ? '1 new reply — show it' : `${count} new replies — show them` });

describe('live updates in the browser', () => {
  it('come back after the server restarts (a deploy) and replay what was posted meanwhile', async () => {
    const threadId = await startThread('Restart thread');
    const { page, errors } = await openPage(`/threads/${threadId}`);
    await reply(threadId, 'Before the deploy.');
    await expect.poll(() => banner(page, 1).count(), { timeout: 15_000 }).toBe(1);

    // The server shuts down gracefully (dropping the page's socket) and a new one starts.
    await server.restart();
    await reply(threadId, 'Right after the deploy.');
    await expect.poll(() => banner(page, 2).count(), { timeout: 30_000 }).toBe(1);
    await reply(threadId, 'Later on.');
    await expect.poll(() => banner(page, 3).count(), { timeout: 15_000 }).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('applies every event once, in order, when one arrives after a later one', async () => {
    const threadId = await startThread('Reordered thread');
    let holdNext = true;
    let held: string | undefined;
    const { page, errors } = await openPage(`/threads/${threadId}`, (ws) => {
      const upstream = ws.connectToServer();
      upstream.onMessage((message) => {
        const text = String(message);
        // The first reply's event is held back until the second one has been delivered.
        if (holdNext && text.includes('"post.created"')) {
          holdNext = false;
          held = text;
          return;
        }
        ws.send(message);
        if (held && text.includes('"post.created"')) {
          const late = held;
          held = undefined;
          setTimeout(() => ws.send(late), 300);
        }
      });
    });
    await page.waitForLoadState('networkidle');
    await reply(threadId, 'First reply.');
    await expect.poll(() => holdNext, { timeout: 10_000 }).toBe(false);
    await reply(threadId, 'Second reply.');
    await expect.poll(() => banner(page, 2).count(), { timeout: 15_000 }).toBe(1);
    // The late copy changes nothing.
    await expect.poll(() => held, { timeout: 10_000 }).toBeUndefined();
    await page.waitForTimeout(500);
    expect(await banner(page, 2).count()).toBe(1);
    await banner(page, 2).click();
    await expect.poll(() => page.getByText('First reply.').count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => page.getByText('Second reply.').count(), { timeout: 10_000 }).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('reloads the page data when more was missed than the server replays', async () => {
    const threadId = await startThread('Busy while away');
    let offline = false;
    let current: WebSocketRoute | undefined;
    const { page, errors } = await openPage(`/threads/${threadId}`, (ws) => {
      if (offline) return void ws.close({ code: 4000, reason: 'offline' });
      current = ws;
      ws.connectToServer();
    });
    await page.route('**/socket.io/**', (route) => (offline ? route.abort() : route.continue()));
    await reply(threadId, 'Seen live.');
    await expect.poll(() => banner(page, 1).count(), { timeout: 15_000 }).toBe(1);
    await banner(page, 1).click();
    await expect.poll(() => page.getByText('Seen live.').count(), { timeout: 10_000 }).toBe(1);

    // The network drops; meanwhile a reply and then more than 500 events happen in the room.
    offline = true;
    await current!.close({ code: 4000, reason: 'offline' });
    await reply(threadId, 'Posted while you were away.');
    await sql(
      server.database.url,
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 500) INSERT INTO "Event" (room, type, payload, "createdAt") SELECT $1, 'post.created', '{}', $2 FROM n`,
      [`thread:${threadId}`, new Date().toISOString()],
    );
    offline = false;

    // Back online: the page reloads its data (the missed reply shows) instead of counting events.
    await expect.poll(() => page.getByText('Posted while you were away.').count(), { timeout: 30_000 }).toBe(1);
    expect(await page.getByRole('button', { name: /new repl/ }).count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });
});
