import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { engineOf, type Engine } from './dialect/dialect';

/** An empty variable counts as absent, so `FOO=` in a unit file does not break start-up. */
const optional = <T extends z.ZodTypeAny>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

const EnvSchema = z.object({
  NODE_ENV: optional(z.enum(['development', 'production', 'test'])).default('development'),
  PORT: optional(z.coerce.number().int().min(0).max(65535)).default(3000),
  HOST: optional(z.string().min(1)).default('0.0.0.0'),
  DATA_DIR: optional(z.string().min(1)).default('./data'),
  UPLOADS_DIR: optional(z.string().min(1)),
  DATABASE_URL: optional(
    z.string().refine((v) => v.startsWith('file:') || /^postgres(ql)?:\/\//.test(v), {
      message: 'must be a SQLite file URL (file:./data/townsquare.db) or a postgresql:// URL',
    }),
  ),
  SESSION_SECRET: optional(z.string().min(32, 'must be at least 32 characters')),
  SMTP_URL: optional(z.string().refine((v) => /^smtps?:\/\/[^/]+/.test(v), { message: 'must look like smtp://user:pass@host:port' })),
  MAIL_FROM: optional(z.string().min(3)).default('Townsquare <no-reply@townsquare.localhost>'),
  PUBLIC_URL: optional(z.string().url('must be an absolute URL such as https://town.example.org')),
  LOG_LEVEL: optional(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])).default('info'),
  REDIS_URL: optional(z.string().refine((v) => /^rediss?:\/\//.test(v), { message: 'must be a redis:// or rediss:// URL' })),
  TRUST_PROXY: optional(z.string().regex(/^(false|\d+|[\w.:/, -]+)$/, 'must be a hop count (e.g. 1) or a list of proxy addresses')),
  SEED_DEMO: optional(z.enum(['true', 'false'])),
  /** How many days after it was resolved or closed staff may reopen a service request */
  REQUEST_REOPEN_DAYS: z.preprocess(
    (v) => (v === '' || v === undefined ? 30 : v),
    z.coerce.number().int('must be a whole number of days').min(0).max(3650),
  ),
  /** The map tiles of the public requests map and the filing form's map (Leaflet's URL template). */
  MAP_TILE_URL: optional(
    z.string().refine((v) => /^https?:\/\/[^/?#]+\/.*\{z\}.*\{x\}.*\{y\}/.test(v), {
      message: 'must be an http(s) tile URL template with {z}, {x} and {y}, e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png',
    }),
  ).default('https://tile.openstreetmap.org/{z}/{x}/{y}.png'),
  /** The tiles' credit line, shown on the map (HTML: a link to the licence is usual). */
  MAP_ATTRIBUTION: optional(z.string().max(500)).default(
    '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors',
  ),
});

export type Env = Omit<z.infer<typeof EnvSchema>, 'DATABASE_URL' | 'SESSION_SECRET' | 'PUBLIC_URL' | 'SEED_DEMO' | 'UPLOADS_DIR'> & {
  /** Where uploaded files (request photos) are kept: UPLOADS_DIR, else <DATA_DIR>/uploads. */
  UPLOADS_DIR: string;
  /** Load the demo city into an empty database: on by default, off by default on https. */
  SEED_DEMO: 'true' | 'false';
  DATABASE_URL: string;
  SESSION_SECRET: string;
  PUBLIC_URL: string;
  isProduction: boolean;
  /** Cookies get `Secure` (and HSTS is sent) when the public URL is https. */
  secureCookies: boolean;
  engine: Engine;
  /** The tile host as a CSP source (img-src): scheme and host, a `{s}` subdomain as `*`. */
  mapTileSource: string;
};

export class ConfigError extends Error {}

let cached: Env | undefined;

/** Parses and validates the configuration once; a bad value throws a ConfigError naming it. */
export function getEnv(source: Record<string, string | undefined> = process.env): Env {
  if (cached && source === process.env) return cached;
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const dataDir = resolve(e.DATA_DIR);
  checkDataDir(dataDir);
  const databaseUrl = e.DATABASE_URL ?? `file:${join(dataDir, 'townsquare.db')}`;
  const env: Env = {
    ...e,
    DATA_DIR: dataDir,
    UPLOADS_DIR: resolve(e.UPLOADS_DIR ?? join(dataDir, 'uploads')),
    DATABASE_URL: databaseUrl,
    SESSION_SECRET: e.SESSION_SECRET ?? persistentSecret(dataDir),
    PUBLIC_URL: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    isProduction: e.NODE_ENV === 'production',
    secureCookies: (e.PUBLIC_URL ?? '').startsWith('https:'),
    // A public (https) installation never gets the demo accounts and their known password by accident.
    SEED_DEMO: e.SEED_DEMO ?? ((e.PUBLIC_URL ?? '').startsWith('https:') ? 'false' : 'true'),
    engine: engineOf(databaseUrl),
    mapTileSource: tileSource(e.MAP_TILE_URL),
  };
  if (source === process.env) cached = env;
  return env;
}

/** `https://{s}.tile.example/{z}/{x}/{y}.png` → `https://*.tile.example` (a CSP host source). */
export function tileSource(template: string): string {
  const [, scheme, host] = /^(https?):\/\/([^/?#]+)/.exec(template)!;
  return `${scheme}://${host.replace(/\{s\}/g, '*')}`;
}

/**
 * The data directory must exist (it is created if missing) and take writes: the SQLite database,
 * the session secret and uploads live there. Otherwise start-up stops with one line naming it.
 */
function checkDataDir(dir: string) {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    throw new ConfigError(
      `DATA_DIR ${dir} does not exist and cannot be created (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    );
  }
  const probe = join(dir, `.write-check-${process.pid}`);
  try {
    writeFileSync(probe, '');
    rmSync(probe, { force: true });
  } catch (error) {
    throw new ConfigError(`DATA_DIR ${dir} is not writable (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
}

/** Without SESSION_SECRET, one is generated on first start and kept under the data directory. */
function persistentSecret(dataDir: string): string {
  const file = join(dataDir, 'session-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
