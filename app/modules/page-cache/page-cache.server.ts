import { csrf } from '~/lib/security.server';
import type { StoredEvent } from '~/modules/realtime/publish.server';

/**
 * Forum pages as anonymous readers see them, kept a few seconds in memory so a busy thread is
 * rendered once rather than for every visitor (most readers are not signed in). The Express
 * server asks pageKey() before Remix runs; see docs/decisions/0013-anonymous-page-cache.md.
 *
 * - Only the home page, /latest, thread and channel pages, only GET, only for requests without a session or flash cookie
 *   (any cookie but `csrf` and `lng` means the page may be personal: no caching).
 * - The key holds the URL and what picks the language (`lng` cookie, Accept-Language).
 * - Two things in a page differ per response and are put back on every hit: the CSP nonce
 *   (the request's own) and the CSRF token (the visitor's, or a new one with its cookie). They
 *   are put back only where the page's markup holds them (SLOTS), never wherever their text
 *   occurs: a post quoting a token stays as written.
 * - An event in a thread's room drops that thread's pages; any other forum event drops them all
 *   (channel lists, moves, access changes); the home page and /latest, which gather every area,
 *   go with any event at all; TTL_MS bounds what another process's writes leave
 *   stale. Live readers are unaffected: the page's event id makes their socket replay the rest.
 */
const TTL_MS = 5_000;
const MAX_ENTRIES = 300;
/** The query parameters these pages read (pagination, /latest's channel); any other makes the request uncacheable. */
const PAGE_PARAMS = new Set(['after', 'from', 'channel']);
const PAGE = /^\/(?:(threads|channels)\/([A-Za-z0-9_-]{1,64})|(latest)|)$/;
const NEUTRAL_COOKIES = new Set(['csrf', 'lng']);
/** Rooms whose events never change a forum page as an anonymous reader sees it. */
const UNRELATED_ROOMS = /^(user|moderation|department|request|survey|group|meeting):/;

/**
 * The only places a page holds its nonce and token: the `nonce="…"` attribute of its scripts, the
 * `name="csrf" value="…"` of its forms and the `"csrf":"…"` of the root data. User text cannot
 * write any of them: React escapes quotes in HTML (&quot;) and the data is JSON (\").
 */
const SLOTS = /(?<=\bnonce=")[A-Za-z0-9+/=]+(?=")|(?<=name="csrf" value=")[A-Za-z0-9_.-]+(?=")|(?<="csrf":")[A-Za-z0-9_.-]+(?=")/g;
/** A page cut at its slots: text, then a slot, then text... */
type Part = string | { slot: 'nonce' | 'csrf' };
type Entry = { parts: Part[]; contentType: string; page: 'threads' | 'channels' | 'latest' | 'home'; id: string; storedAt: number };
/** Which page a path is (and its thread or channel), when it is one that may be cached. */
function pageOf(pathname: string): Pick<Entry, 'page' | 'id'> | null {
  const match = PAGE.exec(pathname);
  if (!match) return null;
  if (match[1]) return { page: match[1] as Entry['page'], id: match[2] };
  return { page: match[3] ? 'latest' : 'home', id: '' };
}
const entries = new Map<string, Entry>();

/** The cache key for a request, or null when its page must not come from (or go to) the cache. */
export function pageKey(request: { method: string; url: string; cookie?: string; acceptLanguage?: string }): string | null {
  if (request.method !== 'GET') return null;
  const url = new URL(request.url, 'http://x');
  if (!PAGE.test(url.pathname)) return null;
  // Made-up parameters would otherwise fill the cache with copies of the same page.
  for (const name of url.searchParams.keys()) if (!PAGE_PARAMS.has(name)) return null;
  let lng = '';
  for (const part of (request.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (!name) continue;
    if (!NEUTRAL_COOKIES.has(name)) return null;
    if (name === 'lng') lng = value.join('=');
  }
  return `${url.pathname}${url.search}\n${lng}\n${request.acceptLanguage ?? ''}`;
}

export function cachedPage(key: string, now = Date.now()): Entry | null {
  const entry = entries.get(key);
  if (!entry) return null;
  if (now - entry.storedAt > TTL_MS) {
    entries.delete(key);
    return null;
  }
  return entry;
}

/** Keeps a rendered page (status 200, HTML) under its key, cut where its nonce and token are. */
export function storePage(key: string, page: { body: string; contentType: string; nonce: string }) {
  // The token the page was rendered with, from the root loader's data in the page.
  const token = /"csrf":"([A-Za-z0-9_.-]+)"/.exec(page.body)?.[1];
  if (!token || !page.nonce || !page.contentType.startsWith('text/html')) return;
  const which = pageOf(key.split('\n')[0].split('?')[0]);
  if (!which) return;
  const parts: Part[] = [];
  let from = 0;
  for (const found of page.body.matchAll(SLOTS)) {
    const slot = found[0] === page.nonce ? 'nonce' : found[0] === token ? 'csrf' : null;
    if (!slot) continue;
    parts.push(page.body.slice(from, found.index), { slot });
    from = found.index + found[0].length;
  }
  parts.push(page.body.slice(from));
  if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value!);
  entries.set(key, { parts, contentType: page.contentType, ...which, storedAt: Date.now() });
}

/** A cached page for this visitor: their nonce and CSRF token (and the token's cookie if new). */
export async function personalPage(
  entry: Entry,
  cookie: string | undefined,
  nonce: string,
): Promise<{ body: string; setCookie: string | null }> {
  const [token, setCookie] = await csrf().commitToken(new Headers(cookie ? { cookie } : {}));
  const body = entry.parts.map((part) => (typeof part === 'string' ? part : part.slot === 'nonce' ? nonce : token)).join('');
  return { body, setCookie };
}

/**
 * Drops the pages an event may have changed (called after each commit's events are stored): a
 * thread's event, its thread's pages; a channel's event about a thread, that thread's pages and
 * every channel page; anything else (settings, access, accounts), everything.
 */
export function dropChangedPages(events: StoredEvent[]) {
  const drop = (test: (entry: Entry) => boolean) => {
    for (const [key, entry] of entries) if (test(entry)) entries.delete(key);
  };
  if (events.length) drop((e) => e.page === 'home' || e.page === 'latest');
  for (const event of events) {
    if (UNRELATED_ROOMS.test(event.room)) continue;
    const inThread = /^thread:(.+)$/.exec(event.room)?.[1];
    const aboutThread = typeof event.payload.threadId === 'string' ? event.payload.threadId : null;
    if (inThread) drop((e) => e.page === 'threads' && e.id === inThread);
    else if (event.room.startsWith('channel:') && aboutThread)
      drop((e) => e.page === 'channels' || (e.page === 'threads' && e.id === aboutThread));
    else return entries.clear();
  }
}

export function clearPageCache() {
  entries.clear();
}
