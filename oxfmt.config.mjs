// The formatter's configuration (`npm run format`, `npm run format:check`): @epic-web/config's
// Oxfmt preset in this code base's own style (semicolons, spaces, wide lines), so formatting
// keeps the existing code as it is written rather than rewriting every line.
import epic from '@epic-web/config/oxfmt';
import { defineConfig } from 'oxfmt';

export default defineConfig({
  ...epic,
  $schema: './node_modules/oxfmt/configuration_schema.json',
  semi: true,
  useTabs: false,
  tabWidth: 2,
  printWidth: 140,
  proseWrap: 'preserve',
  ignorePatterns: [
    ...epic.ignorePatterns,
    'app/generated/**',
    'prisma/.generated/**',
    'tests/.tmp/**',
    'tests/fixtures/**',
    'patches/**',
    'public/**',
    'docs/**',
    '**/*.md',
  ],
});
