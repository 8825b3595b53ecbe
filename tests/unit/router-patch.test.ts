import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The @remix-run/router patch (patches/, a framework workaround: patches/README.md,
 * docs/decisions/0012-forum-write-path.md) must be the one the server runs: this fails when an
 * upgrade of the router leaves it unapplied or the server loads another build, and checks that
 * the cached matching still answers exactly as the router does.
 */
const require = createRequire(import.meta.url);
const serverRuntime = require.resolve('@remix-run/server-runtime');
const routerPath = require.resolve('@remix-run/router', { paths: [serverRuntime] });
type Route = { id: string; path?: string; index?: boolean; caseSensitive?: boolean; children?: Route[] };
const router = require(routerPath) as {
  matchRoutes(routes: Route[], location: string): { route: Route; params: Record<string, string> }[] | null;
};

describe('the @remix-run/router patch', () => {
  it('is for the installed version, and applied to the build the server loads', () => {
    const patches = readdirSync('patches').filter((f) => f.startsWith('@remix-run+router+'));
    expect(patches).toHaveLength(1);
    const version = /\+([\d.]+)\.patch$/.exec(patches[0])![1];
    const pkg = JSON.parse(readFileSync(routerPath.replace(/dist\/router\.cjs\.js$/, 'package.json'), 'utf8')) as { version: string };
    expect(pkg.version).toBe(version);
    expect(routerPath).toMatch(/router\.cjs\.js$/);
    const source = readFileSync(routerPath, 'utf8');
    expect(source).toContain('rankedBranchesCache');
    expect(source).toContain('compilePathUncached');
    expect(source).toContain('matchesCache');
  });

  it('matches like the unpatched router: ranked routes, params, case, and a new routes array re-ranked', () => {
    const routes = (): Route[] => [
      {
        id: 'root',
        path: '/',
        children: [
          { id: 'index', index: true },
          { id: 'thread', path: 'threads/:threadId' },
          { id: 'new', path: 'channels/new' },
          { id: 'channel', path: 'channels/:slug' },
          { id: 'settings', path: 'channels/:slug/settings' },
          { id: 'Case', path: 'CaseOnly', caseSensitive: true },
          { id: 'splat', path: '*' },
        ],
      },
    ];
    const leaf = (list: Route[], url: string) => {
      const m = router.matchRoutes(list, url);
      return m && { id: m[m.length - 1].route.id, params: m[m.length - 1].params };
    };
    const once = routes();
    for (let i = 0; i < 3; i++) {
      // The same array again and again (the cached path) and a fresh one give the same answers.
      for (const list of [once, routes()]) {
        expect(leaf(list, '/')?.id).toBe('index');
        expect(leaf(list, '/threads/abc')).toEqual({ id: 'thread', params: { threadId: 'abc' } });
        expect(leaf(list, '/channels/new')?.id).toBe('new');
        expect(leaf(list, '/channels/n-riverside')).toEqual({ id: 'channel', params: { slug: 'n-riverside' } });
        expect(leaf(list, '/channels/x/settings')?.id).toBe('settings');
        expect(leaf(list, '/CaseOnly')?.id).toBe('Case');
        expect(leaf(list, '/caseonly')?.id).toBe('splat');
        expect(leaf(list, '/no/such/page')).toEqual({ id: 'splat', params: { '*': 'no/such/page' } });
      }
    }
  });

  it('gives every caller its own matches of a path matched before, sharing one params object as the router does', () => {
    const routes: Route[] = [{ id: 'root', path: '/', children: [{ id: 'thread', path: 'threads/:threadId' }] }];
    const first = router.matchRoutes(routes, '/threads/abc')!;
    expect(first[0].params).toBe(first[1].params);
    first[1].params.threadId = 'changed';
    first.pop();
    const again = router.matchRoutes(routes, '/threads/abc')!;
    expect(again).not.toBe(first);
    expect(again.map((m) => m.route.id)).toEqual(['root', 'thread']);
    expect(again[1].params).toEqual({ threadId: 'abc' });
    expect(again[0].params).toBe(again[1].params);
    expect(router.matchRoutes(routes, '/elsewhere')).toBeNull();
  });
});

/**
 * The render-side patches (patches/README.md): the route modules, the React routes and their data
 * routes are gathered or built once, so a page render reuses them. Checked on the builds the
 * server loads: the same modules object for the same build, the same routes array for the same
 * manifest and modules, and the same data routes for the same routes.
 */
describe('the @remix-run/server-runtime, @remix-run/react and react-router-dom render patches', () => {
  const remixServer = require.resolve('@remix-run/react/dist/server.js');
  const routerDomServer = require.resolve('react-router-dom/server', { paths: [remixServer] });
  const entry = serverRuntime.replace(/index\.js$/, 'entry.js');

  it('are for the installed versions and applied to the builds the server loads', () => {
    for (const [name, file, marker] of [
      ['@remix-run+server-runtime+', entry, 'entryRouteModulesCache'],
      ['@remix-run+react+', remixServer, 'serverRoutesCache'],
      ['react-router-dom+', routerDomServer, 'dataRoutesCache'],
    ] as const) {
      const patches = readdirSync('patches').filter((f) => f.startsWith(name));
      expect(patches).toHaveLength(1);
      const version = /\+([\d.]+)\.patch$/.exec(patches[0])![1];
      const dir = file.slice(0, file.lastIndexOf(name.startsWith('@') ? '/dist/' : '/server.js'));
      expect((JSON.parse(readFileSync(`${dir}/package.json`, 'utf8')) as { version: string }).version).toBe(version);
      expect(readFileSync(file, 'utf8')).toContain(marker);
    }
  });

  it('gather the same route modules for the same build routes, and new ones for a new build', () => {
    const { createEntryRouteModules } = require(entry) as { createEntryRouteModules(m: Record<string, { module: object }>): object };
    const page = {};
    const build = { root: { module: {} }, page: { module: page } };
    const first = createEntryRouteModules(build);
    expect(createEntryRouteModules(build)).toBe(first);
    expect(first).toEqual({ root: build.root.module, page });
    expect(Object.isFrozen(first)).toBe(true);
    expect(createEntryRouteModules({ ...build })).not.toBe(first);
  });

  it('give the same data routes for the same routes array, and new ones for a new array', () => {
    const { createStaticRouter } = require(routerDomServer) as {
      createStaticRouter(routes: Route[], context: { matches: { route: Route }[] }): { routes: Route[] };
    };
    const routes: Route[] = [{ id: 'root', path: '/', children: [{ id: 'page', path: 'page' }] }];
    const context = { matches: [] };
    const first = createStaticRouter(routes, context).routes;
    expect(createStaticRouter(routes, context).routes).toBe(first);
    expect(first[0].children?.[0].id).toBe('page');
    expect(createStaticRouter([...routes], context).routes).not.toBe(first);
  });
});

/**
 * The @remix-run/dev patch: the client build's stand-in for a `.server` module is marked free of
 * side effects, so a route whose loader and action were its only users does not keep an empty
 * chunk of its own (the thread page loaded 18 of them). Checked by bundling two such routes with
 * the compiler's own plugin and esbuild, split as Remix splits them.
 */
describe('the @remix-run/dev patch', () => {
  const devDir = dirname(require.resolve('@remix-run/dev/package.json'));

  it('is for the installed version', () => {
    const patches = readdirSync('patches').filter((f) => f.startsWith('@remix-run+dev+'));
    expect(patches).toHaveLength(1);
    const version = /\+([\d.]+)\.patch$/.exec(patches[0])![1];
    expect((JSON.parse(readFileSync(`${devDir}/package.json`, 'utf8')) as { version: string }).version).toBe(version);
  });

  it('leaves out a .server module the client code no longer uses, and keeps one it still does', async () => {
    const esbuild = require(require.resolve('esbuild', { paths: [devDir] })) as typeof import('esbuild');
    const { emptyModulesPlugin } = require(`${devDir}/dist/compiler/plugins/emptyModules.js`) as {
      emptyModulesPlugin(ctx: { config: { appDirectory: string } }, filter: RegExp): import('esbuild').Plugin;
    };
    const app = mkdtempSync(join(tmpdir(), 'empty-modules-'));
    try {
      writeFileSync(join(app, 'data.server.ts'), 'export const secret = 42;');
      // Routes whose loader uses the server module, and a route whose component does. Like the
      // compiler, each entry re-exports only the route's client exports (the loader is dropped).
      for (const name of ['a', 'b']) {
        writeFileSync(
          join(app, `${name}.ts`),
          `import { secret } from './data.server';\nexport const loader = () => secret;\nexport const page = '${name}';`,
        );
        writeFileSync(join(app, `${name}-entry.ts`), `export { page } from './${name}';`);
      }
      writeFileSync(join(app, 'c-entry.ts'), "import * as data from './data.server';\nexport const page = Object.keys(data).length;");
      const build = async (entries: string[]) =>
        (
          await esbuild.build({
            entryPoints: entries.map((e) => join(app, e)),
            bundle: true,
            splitting: true,
            format: 'esm',
            write: false,
            outdir: join(app, 'out'),
            plugins: [emptyModulesPlugin({ config: { appDirectory: app } }, /\.server(\.[jt]sx?)?$/)],
          })
        ).outputFiles.map((f) => f.text);
      const unused = await build(['a-entry.ts', 'b-entry.ts']);
      expect(unused).toHaveLength(2);
      expect(unused.join('\n')).not.toContain('module.exports');
      const used = await build(['a-entry.ts', 'c-entry.ts']);
      expect(used.join('\n')).toContain('module.exports = {}');
      expect(used.join('\n')).not.toContain('42');
    } finally {
      rmSync(app, { recursive: true, force: true });
    }
  });
  it("starts each route of the browser build with the app's client kit when there is one, and keeps licence comments out of the scripts", async () => {
    const { browserRouteModulesPlugin } = require(`${devDir}/dist/compiler/js/plugins/routes.js`) as {
      browserRouteModulesPlugin(ctx: unknown, filter: RegExp): import('esbuild').Plugin;
    };
    const app = mkdtempSync(join(tmpdir(), 'client-kit-'));
    try {
      // The route's browser module as the compiler makes it: its client exports, re-exported.
      const shim = async () => {
        let load: ((args: { path: string }) => Promise<{ contents: string }>) | undefined;
        const plugin = browserRouteModulesPlugin(
          {
            config: { appDirectory: app, routes: { 'routes/a': { id: 'routes/a', file: 'routes/a.tsx' } } },
            fileWatchCache: { getOrSet: async () => ({ cacheValue: ['default', 'loader', 'meta'] }) },
          },
          /\?browser$/,
        );
        await plugin.setup({ onResolve: () => {}, onLoad: (_: unknown, callback: typeof load) => (load = callback) } as never);
        return (await load!({ path: 'routes/a.tsx?browser' })).contents;
      };
      expect(await shim()).toBe('export { default, meta } from "./routes/a.tsx";');
      writeFileSync(join(app, 'client-kit.ts'), "import './lib/format';");
      expect(await shim()).toBe('import "./client-kit";\nexport { default, meta } from "./routes/a.tsx";');
    } finally {
      rmSync(app, { recursive: true, force: true });
    }
    expect(readFileSync(`${devDir}/dist/compiler/js/compiler.js`, 'utf8')).toContain('legalComments: "external"');
  });
});
