import { afterAll, beforeAll } from 'vitest';
import { startTestServer, type TestServer } from './server';

/**
 * The preamble of an integration file: a test server started before its tests and stopped after
 * them (after the file's own afterAll hooks, which run first). The returned object stands for
 * the running server: read it inside tests and hooks (it exists from the first beforeAll on);
 * after `restart()` it stands for the new one.
 */
export function withTestServer(env: Record<string, string> = {}): TestServer {
  let current: TestServer | undefined;
  beforeAll(async () => {
    current = await startTestServer(env);
  });
  afterAll(async () => {
    await current?.stop();
  });
  return new Proxy({} as TestServer, {
    get(_target, key) {
      if (!current) throw new Error('The test server is not started yet: read it inside a test or a hook.');
      const value: unknown = Reflect.get(current, key);
      return typeof value === 'function' ? value.bind(current) : value;
    },
  });
}
