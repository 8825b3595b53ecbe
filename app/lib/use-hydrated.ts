import { useEffect, useState } from 'react';

/** False in the server's page (and without JavaScript), true once React runs in the browser. */
export function useHydrated() {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}
