import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/**
 * The client kit (app/client-kit.ts) lists shared modules that the browser build puts in one
 * chunk. A listed module that was renamed or moved would silently fall back to small chunks, and
 * a server module listed there would be bundled for browsers.
 */
describe('the client kit', () => {
  const kit = readFileSync('app/client-kit.ts', 'utf8');
  const listed = [...kit.matchAll(/^import '\.\/(.+)';$/gm)].map((m) => m[1]);

  it('lists only modules that exist, none of them server-only, each once', () => {
    expect(listed.length).toBeGreaterThan(10);
    expect(new Set(listed).size).toBe(listed.length);
    for (const module of listed) {
      expect(existsSync(`app/${module}.ts`) || existsSync(`app/${module}.tsx`), module).toBe(true);
      expect(module).not.toMatch(/\.server$|\.server\//);
    }
    // Nothing but imports: the kit must not run code of its own.
    expect(
      kit
        .replace(/\/\*\*[\s\S]*?\*\//, '')
        .replace(/^import '.+';$/gm, '')
        .trim(),
    ).toBe('');
  });

  it('holds the shared client modules of lib/', () => {
    for (const module of ['lib/forms', 'lib/format', 'lib/i18n', 'lib/use-schema-form', 'components/ui/forms']) {
      expect(listed).toContain(module);
    }
  });
});
