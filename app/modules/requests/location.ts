/** Where a request is, as stored: the address and coordinates, each null when not given. */
export type RequestLocation = { address: string | null; latitude: number | null; longitude: number | null };

export function requestLocation(given: { address?: string | null; latitude?: number | null; longitude?: number | null }): RequestLocation {
  return { address: given.address ?? null, latitude: given.latitude ?? null, longitude: given.longitude ?? null };
}
