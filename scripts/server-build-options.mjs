// The esbuild options that bundle server/index.ts (Express + socket.io glue) into build/server.js,
// shared by `npm run build` (build-server.mjs) and `npm run dev` (dev.mjs); packages stay external.
export const serverBuildOptions = {
  entryPoints: ['server/index.ts'],
  outfile: 'build/server.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
};
