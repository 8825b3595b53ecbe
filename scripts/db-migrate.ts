/** `npm run db:migrate`: apply pending migrations to DATABASE_URL (the server also does it at start). */
import { ConfigError, getEnv } from '~/lib/env.server';
import { migrate } from '~/lib/migrate.server';

try {
  const env = getEnv();
  const { applied, total } = await migrate(env.DATABASE_URL);
  console.log(applied.length ? `applied ${applied.join(', ')}` : `up to date (${total} migrations)`);
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}
