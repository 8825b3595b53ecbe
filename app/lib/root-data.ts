import { useRouteLoaderData } from '@remix-run/react';
import type { loader } from '~/root';
import type { SerializeFrom } from '@remix-run/node';

export type RootData = SerializeFrom<typeof loader>;

/** Data every page may need: the user, the city, the language. */
export function useRootData(): RootData {
  const data = useRouteLoaderData<typeof loader>('root');
  if (!data) throw new Error('root data missing');
  return data;
}

export function useOptionalRootData(): RootData | undefined {
  return useRouteLoaderData<typeof loader>('root');
}
