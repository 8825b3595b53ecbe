import { DEMO } from './client';
import { sql } from './sql';

/**
 * A new verified, active resident written straight into the database: a copy of the demo
 * resident (so the demo password signs them in), with its own id, name, e-mail and neighborhood.
 * Quicker than the sign-up form when a test needs many.
 */
export async function insertResident(
  databaseUrl: string,
  person: { id: string; email: string; displayName: string; neighborhoodId: string | null },
): Promise<void> {
  await sql(
    databaseUrl,
    `INSERT INTO "User" (id, "displayName", email, "emailVerifiedAt", "passwordHash", locale, "neighborhoodId", status, "failedLogins", "createdAt", "notifyEmail")
     SELECT $1, $2, $3, "emailVerifiedAt", "passwordHash", 'en', $4, 'active', 0, "createdAt", "notifyEmail" FROM "User" WHERE email = $5`,
    [person.id, person.displayName, person.email, person.neighborhoodId, DEMO.resident],
  );
}
