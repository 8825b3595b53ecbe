import { createCookie } from '@remix-run/node';
import { bestEffortWrite, db } from '~/lib/db.server';
import { dialect } from '~/lib/dialect/index.server';
import { getEnv } from '~/lib/env.server';
import { hashToken, newToken } from './tokens.server';
import { isClosed, type AccountStatus } from './values';

/**
 * Database-backed sessions. The cookie holds a random token; the Session row is keyed by its
 * SHA-256, so a database leak does not leak usable sessions. Role grants are read on every
 * request, so a granted or revoked role takes effect at once.
 */
const SESSION_DAYS = 30;
const DAY = 24 * 60 * 60 * 1000;

let cookie: ReturnType<typeof createCookie> | undefined;
export function sessionCookie() {
  cookie ??= createCookie('session', {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: getEnv().secureCookies,
    maxAge: SESSION_DAYS * 24 * 60 * 60,
  });
  return cookie;
}

const userSelect = {
  id: true,
  displayName: true,
  email: true,
  emailVerifiedAt: true,
  locale: true,
  neighborhoodId: true,
  status: true,
  suspendedUntil: true,
  createdAt: true,
  roleGrants: { select: { id: true, role: true, scopeKind: true, scopeId: true } },
} as const;

export type SessionUser = {
  id: string;
  displayName: string;
  email: string | null;
  emailVerifiedAt: Date | null;
  locale: string;
  neighborhoodId: string | null;
  status: AccountStatus;
  createdAt: Date;
  grants: { id: string; role: string; scopeKind: string | null; scopeId: string | null }[];
  sessionId: string;
  /**
   * The terms of use or the privacy notice changed since this person accepted them: until they
   * accept the current ones (/accept-terms) they may read but not act (legal-acceptance.server.ts).
   * Set for a session only; a use case run outside one (userById) leaves it unset.
   */
  legalPending?: boolean;
};

export async function createSession(userId: string): Promise<string> {
  const { token, hash } = newToken();
  await db().session.create({ data: { id: hash, userId, expiresAt: new Date(Date.now() + SESSION_DAYS * DAY) } });
  return sessionCookie().serialize(token);
}

export async function clearSessionCookie(): Promise<string> {
  return sessionCookie().serialize('', { maxAge: 0 });
}

async function readToken(request: Request): Promise<string | null> {
  const value = await sessionCookie().parse(request.headers.get('Cookie'));
  return typeof value === 'string' && value.length > 20 ? value : null;
}

const cache = new WeakMap<Request, Promise<SessionUser | null>>();

/** The signed-in user of this request, or null. Banned and deleted accounts are signed out. */
export function getUser(request: Request): Promise<SessionUser | null> {
  let found = cache.get(request);
  if (!found) {
    found = loadUser(request);
    cache.set(request, found);
  }
  return found;
}

type SessionRow = Omit<UserRow, 'roleGrants' | 'emailVerifiedAt' | 'suspendedUntil' | 'createdAt'> & {
  [K in 'expiresAt' | 'lastSeenAt' | 'createdAt']: Date | string;
} & { [K in 'emailVerifiedAt' | 'suspendedUntil']: Date | string | null } & {
  [K in 'termsVersion' | 'privacyVersion' | 'termsCurrent' | 'privacyCurrent']: number | bigint | null;
};

/**
 * Whether the current terms or privacy notice are newer than those accepted. A page never edited is
 * version 1, and an account with no version recorded (made before versions were kept, or by staff
 * for a caller) counts as having accepted version 1.
 */
export function legalPendingOf(row: Pick<SessionRow, 'termsVersion' | 'privacyVersion' | 'termsCurrent' | 'privacyCurrent'>) {
  const version = (value: number | bigint | null) => Number(value ?? 1);
  return version(row.termsVersion) < version(row.termsCurrent) || version(row.privacyVersion) < version(row.privacyCurrent);
}

/**
 * The session's user with their role grants: two raw statements, since every signed-in request
 * pays this and Prisma's nested read cost several times the SQL it sent
 * (docs/decisions/0026-raw-sql-ballots-and-sessions.md).
 */
export async function userFromToken(token: string | null): Promise<SessionUser | null> {
  if (!token) return null;
  const id = hashToken(token);
  const [row] = await db().$queryRaw<SessionRow[]>`
    SELECT s."expiresAt", s."lastSeenAt", u."id", u."displayName", u."email", u."emailVerifiedAt", u."locale",
           u."neighborhoodId", u."status", u."suspendedUntil", u."createdAt", u."termsVersion", u."privacyVersion",
           (SELECT p."version" FROM "SitePage" p WHERE p."key" = 'terms') AS "termsCurrent",
           (SELECT p."version" FROM "SitePage" p WHERE p."key" = 'privacy') AS "privacyCurrent"
    FROM "Session" s JOIN "User" u ON u."id" = s."userId" WHERE s."id" = ${id}`;
  if (!row) return null;
  const { toDate } = dialect();
  const { expiresAt, lastSeenAt, termsVersion, privacyVersion, termsCurrent, privacyCurrent, ...user } = row;
  if (toDate(expiresAt).getTime() < Date.now()) return null;
  if (isClosed(user.status)) return null;
  // Slide the expiry at most once a day, not on every request.
  if (Date.now() - toDate(lastSeenAt).getTime() > DAY) {
    await bestEffortWrite('session expiry', () =>
      db().session.update({ where: { id }, data: { lastSeenAt: new Date(), expiresAt: new Date(Date.now() + SESSION_DAYS * DAY) } }),
    );
  }
  const roleGrants = await db().$queryRaw<SessionUser['grants']>`
    SELECT "id", "role", "scopeKind", "scopeId" FROM "RoleGrant" WHERE "userId" = ${user.id}`;
  const maybeDate = (value: Date | string | null) => (value === null ? null : toDate(value));
  return {
    ...sessionUserOf(
      {
        ...user,
        emailVerifiedAt: maybeDate(user.emailVerifiedAt),
        suspendedUntil: maybeDate(user.suspendedUntil),
        createdAt: toDate(user.createdAt),
        roleGrants,
      },
      id,
    ),
    legalPending: legalPendingOf({ termsVersion, privacyVersion, termsCurrent, privacyCurrent }),
  };
}

type UserRow = { roleGrants: SessionUser['grants']; suspendedUntil: Date | null; status: string } & Omit<
  SessionUser,
  'grants' | 'sessionId' | 'status'
>;

function sessionUserOf(u: UserRow, sessionId: string): SessionUser {
  // A suspension that has run out ends by itself.
  const status = (
    u.status === 'suspended' && u.suspendedUntil && u.suspendedUntil.getTime() < Date.now() ? 'active' : u.status
  ) as AccountStatus;
  const { roleGrants, suspendedUntil: _s, ...rest } = u;
  return { ...rest, status, grants: roleGrants, sessionId };
}

/**
 * A person as a use case sees them, outside any session (a job acting for them, a test fixture:
 * `systemCaller(await userById(id))`); null for a closed account.
 */
export async function userById(userId: string): Promise<SessionUser | null> {
  const u = await db().user.findUnique({ where: { id: userId }, select: userSelect });
  return u && !isClosed(u.status) ? sessionUserOf(u, '') : null;
}

async function loadUser(request: Request) {
  return userFromToken(await readToken(request));
}
