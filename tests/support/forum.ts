import { expect } from 'vitest';
import type { Client } from './client';

/** Posts the new-thread form of channel `slug` (no JavaScript), after loading it; the answer. */
export async function postThread(client: Client, slug: string, title: string, bodyText: string): Promise<Response> {
  await client.get(`/channels/${slug}/new`);
  return client.post(`/channels/${slug}/new`, { title, bodyText });
}

/** Posts the reply form of a thread (no JavaScript), after loading it; the answer. */
export async function postReply(client: Client, threadId: string, bodyText: string): Promise<Response> {
  await client.get(`/threads/${threadId}`);
  return client.post(`/threads/${threadId}`, { bodyText });
}

/** The id of the thread an answer redirects to, or undefined. */
export const threadIdIn = (res: Response) => /\/threads\/([^?#/]+)/.exec(res.headers.get('location') ?? '')?.[1];

/** The id of the post an answer redirects to (`#post-<id>`), or undefined. */
export const postIdIn = (res: Response) => /#post-(.+)$/.exec(res.headers.get('location') ?? '')?.[1];

/** Starts a thread in channel `slug` through the real form (no JavaScript); the new thread's id. */
export async function startThread(client: Client, slug: string, title: string, bodyText: string): Promise<string> {
  const res = await postThread(client, slug, title, bodyText);
  expect(res.status).toBe(303);
  const id = threadIdIn(res);
  if (!id) throw new Error(`no thread in ${res.headers.get('location')}`);
  return id;
}

/** Replies to a thread through the real form (no JavaScript); the new post's id. */
export async function reply(client: Client, threadId: string, bodyText: string): Promise<string> {
  const res = await postReply(client, threadId, bodyText);
  expect(res.status).toBe(303);
  const id = postIdIn(res);
  if (!id) throw new Error(`no post in ${res.headers.get('location')}`);
  return id;
}
