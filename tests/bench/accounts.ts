import { createHash, randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';

/**
 * Signed-in people for the benches: accounts with sessions inserted straight into the bench's
 * SQLite database (ids `${prefix}0`, `${prefix}1`…), and their session cookies, as a browser
 * would send them.
 */
export function benchAccounts(file: string, count: number, prefix = 'benchuser'): string[] {
  const db = new Database(file);
  const cookies: string[] = [];
  const now = new Date().toISOString();
  const week = new Date(Date.now() + 7 * 24 * 3600 * 1000).toISOString();
  const old = new Date(Date.now() - 30 * 24 * 3600 * 1000).toISOString();
  const user = db.prepare(
    `INSERT INTO "User" (id, "displayName", email, "emailVerifiedAt", locale, status, "failedLogins", "createdAt", "notifyEmail") VALUES (?, ?, ?, ?, 'en', 'active', 0, ?, 'never')`,
  );
  const session = db.prepare(`INSERT INTO "Session" (id, "userId", "expiresAt", "createdAt", "lastSeenAt") VALUES (?, ?, ?, ?, ?)`);
  db.transaction(() => {
    for (let i = 0; i < count; i++) {
      const id = `${prefix}${i}`;
      user.run(id, `Bench ${i}`, `${prefix}${i}@example.org`, now, old);
      const token = randomBytes(32).toString('base64url');
      session.run(createHash('sha256').update(token).digest('hex'), id, week, now, now);
      // Remix cookies carry base64-encoded JSON.
      cookies.push(`session=${encodeURIComponent(Buffer.from(JSON.stringify(token)).toString('base64'))}`);
    }
  })();
  db.close();
  return cookies;
}

/** A form's CSRF pair as a browser holds it after loading `url`: the cookie and the form's token. */
export async function csrfPair(url: string, headers: Record<string, string> = {}): Promise<{ cookie: string; token: string }> {
  const res = await fetch(url, { headers });
  const cookie = res.headers
    .getSetCookie()
    .find((c) => c.startsWith('csrf='))!
    .split(';')[0];
  const token = /name="csrf" value="([^"]+)"/.exec(await res.text())![1];
  return { cookie, token };
}
