/** `npm run db:seed`: migrate, then load the demo city into an empty database (never over data). */
import { seedIfEmpty } from '../prisma/seed';
import { closeDb, db } from '~/lib/db.server';
import { getEnv } from '~/lib/env.server';
import { migrate } from '~/lib/migrate.server';

await migrate(getEnv().DATABASE_URL);
console.log((await seedIfEmpty(db())) ? 'demo city seeded' : 'the database already has a city: nothing seeded');
await closeDb();
