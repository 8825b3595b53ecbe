import { createHash } from 'node:crypto';
import { db } from '~/lib/db.server';
import { xmlEscape } from '~/lib/xml';
import { PUBLIC_POST, PUBLIC_THREAD } from './policy';

/**
 * Atom feeds (RFC 4287) of public channels: the 30 most recently active visible threads.
 * The few strings that go into the document are escaped with `xmlEscape` (app/lib/xml.ts, shared
 * by every XML writer): the five XML specials become entities and characters that XML 1.0
 * forbids are dropped, so a post can never make the feed invalid.
 */
const FEED_ENTRIES = 30;
const SUMMARY_CHARS = 300;

export async function feedThreads(channelId: string) {
  return db().thread.findMany({
    where: { channelId, ...PUBLIC_THREAD },
    select: {
      id: true,
      title: true,
      createdAt: true,
      lastActivityAt: true,
      author: { select: { displayName: true, status: true } },
      posts: { where: { isOpening: true, ...PUBLIC_POST }, select: { text: true }, take: 1 },
    },
    orderBy: [{ lastActivityAt: 'desc' }, { id: 'desc' }],
    take: FEED_ENTRIES,
  });
}

/**
 * When the feed last changed, for its <updated> and HTTP's Last-Modified: the latest forum event
 * of the channel's room (new posts, edits, deletions, moderation and moves all write one), or
 * its newest thread activity, or (an empty channel) its creation. Whole seconds, as HTTP dates
 * carry, so a date sent back in If-Modified-Since compares equal.
 */
export async function feedUpdated(channelId: string, newestActivity: Date | undefined): Promise<Date> {
  const [event, channel] = await Promise.all([
    db().event.findFirst({ where: { room: `channel:${channelId}` }, orderBy: { id: 'desc' }, select: { createdAt: true } }),
    db().channel.findUnique({ where: { id: channelId }, select: { createdAt: true } }),
  ]);
  const times = [event?.createdAt, newestActivity, channel?.createdAt].flatMap((d) => (d ? [d.getTime()] : []));
  return new Date(Math.floor(Math.max(0, ...times) / 1000) * 1000);
}

/** A weak validator of the document (gzip may change its bytes, never its meaning). */
export function feedEtag(xml: string): string {
  return `W/"${createHash('sha256').update(xml).digest('base64url').slice(0, 32)}"`;
}

/** The first `max` characters (code points, never half a surrogate pair), whitespace collapsed. */
export function summarize(text: string, max = SUMMARY_CHARS): string {
  const chars = Array.from(text.replace(/\s+/g, ' ').trim());
  return chars.length > max ? `${chars.slice(0, max).join('').trimEnd()}…` : chars.join('');
}

export type FeedEntry = { id: string; title: string; url: string; author: string; published: Date; updated: Date; summary: string };
export type Feed = {
  id: string;
  title: string;
  subtitle: string;
  lang: string;
  selfUrl: string;
  htmlUrl: string;
  updated: Date;
  entries: FeedEntry[];
};

export function renderAtom(feed: Feed): string {
  const el = (name: string, value: string, attrs = '') => `<${name}${attrs}>${xmlEscape(value)}</${name}>`;
  const link = (rel: string, type: string, href: string) => `<link rel="${rel}" type="${type}" href="${xmlEscape(href)}"/>`;
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${xmlEscape(feed.lang)}">`,
    el('id', feed.id),
    el('title', feed.title, ' type="text"'),
    el('subtitle', feed.subtitle, ' type="text"'),
    link('self', 'application/atom+xml', feed.selfUrl),
    link('alternate', 'text/html', feed.htmlUrl),
    el('updated', feed.updated.toISOString()),
    el('generator', 'Townsquare'),
  ];
  for (const e of feed.entries) {
    lines.push(
      '<entry>',
      el('id', e.id),
      el('title', e.title, ' type="text"'),
      link('alternate', 'text/html', e.url),
      `<author>${el('name', e.author)}</author>`,
      el('published', e.published.toISOString()),
      el('updated', e.updated.toISOString()),
      el('summary', e.summary, ' type="text"'),
      '</entry>',
    );
  }
  lines.push('</feed>', '');
  return lines.join('\n');
}
