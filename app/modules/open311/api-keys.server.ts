import { randomBytes } from 'node:crypto';
import { db, transaction } from '~/lib/db.server';
import { audit } from '~/modules/audit/audit.server';
import { hashToken } from '~/modules/identity/tokens.server';

/**
 * Open311 API keys, issued and revoked by admins. A key is 32 random bytes (base64url) after a
 * recognizable `ts311_` prefix; only its SHA-256 is stored, with the first characters kept for
 * display. The full key is shown once, when created (docs/decisions/0014-open311.md).
 */
type Actor = { userId: string; requestId?: string };

const KEY_PREFIX = 'ts311_';
const PREFIX_LENGTH = KEY_PREFIX.length + 6;

export async function listApiKeys() {
  const rows = await db().apiKey.findMany({
    select: {
      id: true,
      name: true,
      prefix: true,
      createdAt: true,
      revokedAt: true,
      lastUsedAt: true,
      createdBy: { select: { displayName: true } },
    },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
  });
  return rows.map(({ createdBy, ...r }) => ({ ...r, createdBy: createdBy?.displayName ?? null }));
}

export async function createApiKey(actor: Actor, name: string) {
  const key = KEY_PREFIX + randomBytes(32).toString('base64url');
  const prefix = key.slice(0, PREFIX_LENGTH);
  return transaction(async (tx) => {
    const row = await tx.apiKey.create({
      data: { name, hash: hashToken(key), prefix, createdById: actor.userId },
      select: { id: true, name: true, prefix: true, createdAt: true },
    });
    // The key itself (and its hash) never goes into the audit log.
    await audit(tx, {
      actorId: actor.userId,
      action: 'api-key.create',
      targetKind: 'api-key',
      targetId: row.id,
      after: row,
      requestId: actor.requestId,
    });
    return { id: row.id, name: row.name, key };
  });
}

/** Revokes a key (once; revoking again changes nothing). False when there is no such key. */
export async function revokeApiKey(actor: Actor, id: string) {
  return transaction(async (tx) => {
    const row = await tx.apiKey.findUnique({ where: { id }, select: { id: true, name: true, prefix: true, revokedAt: true } });
    if (!row) return false;
    if (row.revokedAt) return true;
    const after = await tx.apiKey.update({
      where: { id },
      data: { revokedAt: new Date() },
      select: { id: true, name: true, prefix: true, revokedAt: true },
    });
    await audit(tx, {
      actorId: actor.userId,
      action: 'api-key.revoke',
      targetKind: 'api-key',
      targetId: id,
      before: row,
      after,
      requestId: actor.requestId,
    });
    return true;
  });
}

/**
 * The active key matching `key`, or null (unknown or revoked). Marks it used at most once a
 * minute, so a busy client does not write a row per call.
 */
export async function verifyApiKey(key: string): Promise<{ id: string; name: string } | null> {
  if (!key || key.length > 200) return null;
  const row = await db().apiKey.findUnique({
    where: { hash: hashToken(key) },
    select: { id: true, name: true, revokedAt: true, lastUsedAt: true },
  });
  if (!row || row.revokedAt) return null;
  const now = new Date();
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000) {
    await db().apiKey.update({ where: { id: row.id }, data: { lastUsedAt: now } });
  }
  return { id: row.id, name: row.name };
}
