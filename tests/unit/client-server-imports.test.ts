import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { serverValuesInClientCode } from '../support/client-server-imports';

/**
 * The browser bundle has empty stand-ins for `*.server` modules: a route component that renders a
 * value imported from one (a list of priorities, sort names…) crashes in the browser (issue 10,
 * item 1: the staff queue's "Something went wrong", React error 423). Shared constants live in
 * modules without `.server` in their name.
 */
const root = path.resolve(__dirname, '../..');
/** Every module the browser bundle may include: app/ without `.server` modules, the server entry and generated code. */
const clientModules = (readdirSync(path.join(root, 'app'), { recursive: true }) as string[])
  .map((f) => `app/${f.split(path.sep).join('/')}`)
  .filter(
    (f) => /\.(tsx?|jsx?)$/.test(f) && !/\.server\.[jt]sx?$/.test(f) && !f.startsWith('app/generated/') && f !== 'app/entry.server.tsx',
  );

describe('route modules and the browser bundle', () => {
  it('no client-rendered code uses a value imported from a .server module', () => {
    expect(clientModules).toContain('app/routes/staff_.requests.tsx');
    expect(clientModules).toContain('app/modules/requests/intake/components/intake-fields.tsx');
    const uses = clientModules.flatMap((f) => serverValuesInClientCode(path.join(root, f)));
    expect(uses.map((u) => `${path.relative(root, u.file)}:${u.line} ${u.name} (from ${u.from})`)).toEqual([]);
  });

  it('finds a server value rendered by the component, or run at load, and ignores loader-only uses', () => {
    const source = `
      import { json } from '@remix-run/node';
      import type { Row } from '~/x/types.server';
      import { listQueue, PRIORITIES, type Sort, SORTS, schemaOf, onlyInHelper } from '~/x/queue.server';
      import * as ns from '~/x/other.server';
      const schema = schemaOf('q');
      function helper() { return onlyInHelper(); }
      export async function loader() { return json({ rows: await listQueue(helper()), sorts: SORTS }); }
      export const action = async () => ns.act();
      function Local() { const { PRIORITIES } = { PRIORITIES: [1] }; return PRIORITIES; }
      export function ErrorBoundary() { return Local(); }
      export default function Page() { return PRIORITIES.map((p: Sort) => p); }
      const meta = () => ({ title: shown });
      export { meta };
      import { shown } from './titles.server';
    `;
    const found = serverValuesInClientCode('/virtual/route.tsx', source).map((u) => u.name);
    expect(found.sort()).toEqual(['PRIORITIES', 'schemaOf', 'shown']);
  });
});
