/** @type {import('@remix-run/dev').AppConfig} */
export default {
  ignoredRouteFiles: ['**/.*', '**/*.test.*'],
  serverModuleFormat: 'esm',
  serverPlatform: 'node',
  // The generated Prisma clients are TypeScript inside app/ and get bundled; packages stay external,
  // except rrule: its Node entry is CommonJS whose named exports Node's ES loader cannot see.
  serverDependenciesToBundle: ['rrule'],
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_lazyRouteDiscovery: true,
    v3_singleFetch: false,
  },
};
