// Bundles server/index.ts (Express + socket.io glue) into build/server.js; packages stay external.
import { build } from 'esbuild';
import { serverBuildOptions } from './server-build-options.mjs';

await build(serverBuildOptions);
