/**
 * `npm run user:admin -- <email> "<display name>"`: creates (or promotes) an administrator on a
 * real installation started with SEED_DEMO=false, and prints a one-time link to set the password.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { closeDb, db, transaction } from '~/lib/db.server';
import { getEnv } from '~/lib/env.server';
import { migrate } from '~/lib/migrate.server';
import { audit } from '~/modules/audit/audit.server';
import { hashPassword } from '~/modules/identity/password.server';
import { newToken } from '~/modules/identity/tokens.server';

const [email, name] = process.argv.slice(2);
const input = z.object({ email: z.string().email(), name: z.string().min(1).max(60) }).safeParse({ email: email?.toLowerCase(), name });
if (!input.success) {
  console.error('usage: npm run user:admin -- <email> "<display name>"');
  process.exit(2);
}
const env = getEnv();
await migrate(env.DATABASE_URL);
const { token, hash } = newToken();
const passwordHash = await hashPassword(randomBytes(24).toString('base64'));
await transaction(async (tx) => {
  const user =
    (await tx.user.findUnique({ where: { email: input.data.email } })) ??
    (await tx.user.create({ data: { email: input.data.email, displayName: input.data.name, passwordHash, emailVerifiedAt: new Date() } }));
  if (!(await tx.roleGrant.findFirst({ where: { userId: user.id, role: 'admin' } }))) {
    await tx.roleGrant.create({ data: { userId: user.id, role: 'admin' } });
    await audit(tx, {
      actorId: null,
      action: 'role.grant',
      targetKind: 'user',
      targetId: user.id,
      after: { role: 'admin', via: 'command line' },
    });
  }
  await tx.verification.create({
    data: { kind: 'reset_password', tokenHash: hash, userId: user.id, expiresAt: new Date(Date.now() + 24 * 3600 * 1000) },
  });
});
console.log(
  `${input.data.email} is an administrator. Set the password within 24 hours at:\n${env.PUBLIC_URL}/reset-password?token=${token}`,
);
await db().$disconnect();
await closeDb();
