/**
 * The client kit: shared modules that go into one chunk every page loads (the browser build
 * imports this file first in each route: patches/README.md, @remix-run/dev). Without it esbuild
 * makes a chunk for each combination of routes that uses a module, and a thread page fetched 50
 * small scripts. It lists the client modules of `lib/` and the `components/ui/` pieces most pages
 * use; one that only a few pages use stays out (every page would download it).
 * `tests/unit/client-kit.test.ts` checks that each listed module exists and is not server-only.
 */
import './lib/format';
import './lib/forms';
import './lib/i18n';
import './lib/meta';
import './lib/pictures';
import './lib/result';
import './lib/root-data';
import './lib/schema-parse';
import './lib/text';
import './lib/time';
import './lib/use-hydrated';
import './lib/use-schema-form';
import './components/ui/avatar';
import './components/ui/badge';
import './components/ui/card';
import './components/ui/confirm-button';
import './components/ui/empty-state';
import './components/ui/forms';
import './components/ui/menu';
import './components/ui/relative-time';
import './components/ui/toast';
