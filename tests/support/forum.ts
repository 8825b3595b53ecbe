import { expect } from 'vitest';
import type { Client } from './client';

/** Starts a thread in channel `slug` through the real form (no JavaScript); the new thread's id. */
export async function startThread(client: Client, slug: string, title: string, bodyText: string): Promise<string> {
  await client.get(`/channels/${slug}/new`);
  const res = await client.post(`/channels/${slug}/new`, { title, bodyText });
  expect(res.status).toBe(303);
  const id = /\/threads\/([^?#/]+)/.exec(res.headers.get('location') ?? '')?.[1];
  if (!id) throw new Error(`no thread in ${res.headers.get('location')}`);
  return id;
}

/** Replies to a thread through the real form (no JavaScript); the new post's id. */
export async function reply(client: Client, threadId: string, bodyText: string): Promise<string> {
  await client.get(`/threads/${threadId}`);
  const res = await client.post(`/threads/${threadId}`, { bodyText });
  expect(res.status).toBe(303);
  const id = /#post-(.+)$/.exec(res.headers.get('location') ?? '')?.[1];
  if (!id) throw new Error(`no post in ${res.headers.get('location')}`);
  return id;
}
