import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, getEnv } from '~/lib/env.server';

describe('configuration', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ts-env-'));

  it('has working defaults: SQLite under DATA_DIR, port 3000, a generated secret that is kept', () => {
    const env = getEnv({ DATA_DIR: dataDir });
    expect(env.engine).toBe('sqlite');
    expect(env.DATABASE_URL).toBe(`file:${join(dataDir, 'townsquare.db')}`);
    expect(env.PORT).toBe(3000);
    expect(env.PUBLIC_URL).toBe('http://localhost:3000');
    expect(getEnv({ DATA_DIR: dataDir }).SESSION_SECRET).toBe(env.SESSION_SECRET);
  });

  it('picks PostgreSQL from the URL and https cookies from PUBLIC_URL; empty values count as unset', () => {
    const env = getEnv({ DATA_DIR: dataDir, DATABASE_URL: 'postgresql://u@h/db', PUBLIC_URL: 'https://town.example.org/', SMTP_URL: '' });
    expect(env.engine).toBe('postgres');
    expect(env.secureCookies).toBe(true);
    expect(env.PUBLIC_URL).toBe('https://town.example.org');
    expect(env.SMTP_URL).toBeUndefined();
  });

  it('reads REQUEST_REOPEN_DAYS (default 30) and refuses a bad value', () => {
    expect(getEnv({ DATA_DIR: dataDir }).REQUEST_REOPEN_DAYS).toBe(30);
    expect(getEnv({ DATA_DIR: dataDir, REQUEST_REOPEN_DAYS: '7' }).REQUEST_REOPEN_DAYS).toBe(7);
    expect(getEnv({ DATA_DIR: dataDir, REQUEST_REOPEN_DAYS: '' }).REQUEST_REOPEN_DAYS).toBe(30);
    for (const bad of ['-1', '2.5', 'soon'])
      expect(() => getEnv({ DATA_DIR: dataDir, REQUEST_REOPEN_DAYS: bad })).toThrowError(/REQUEST_REOPEN_DAYS/);
  });

  it('names every bad setting', () => {
    expect(() =>
      getEnv({ DATA_DIR: dataDir, PORT: 'x', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud', SESSION_SECRET: 'short' }),
    ).toThrowError(ConfigError);
    try {
      getEnv({ DATA_DIR: dataDir, PORT: 'x', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud', SESSION_SECRET: 'short' });
    } catch (error) {
      for (const name of ['PORT', 'DATABASE_URL', 'LOG_LEVEL', 'SESSION_SECRET']) expect((error as Error).message).toContain(name);
    }
  });
});
