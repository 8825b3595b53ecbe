/**
 * What the public sees of a service request, set per request type by administrators
 * (docs/decisions/0016-public-request-visibility.md). "The public" is everyone who may not open
 * the request's own page: Open311 readers and the readers of public pages (forum badges).
 *   full     everything Open311 publishes: description, address, exact position, public notes,
 *            media_url, address_id
 *   summary  the request is listed (code, type, status, dates, department) with its neighborhood
 *            for an address and its position rounded to LOCATION_DECIMALS; no description, no
 *            notes, no media_url, no address_id
 *   none     not listed anywhere public: Open311 answers as if it did not exist, badges on public
 *            posts show only to those who may open the request (and the post's author)
 * Shared by the admin form (browser) and the server: no I/O here.
 */
export const PUBLIC_VISIBILITIES = ['full', 'summary', 'none'] as const;
export type PublicVisibility = (typeof PUBLIC_VISIBILITIES)[number];

/** For types created without a choice, and for any stored value we do not know. */
export const DEFAULT_VISIBILITY: PublicVisibility = 'summary';

export const asVisibility = (value: string): PublicVisibility => ((PUBLIC_VISIBILITIES as readonly string[]).includes(value) ? (value as PublicVisibility) : DEFAULT_VISIBILITY);

/** 3 decimals: a cell of about 110 m north–south (less east–west), a city block. */
export const LOCATION_DECIMALS = 3;

export function coarsen(degrees: number | null): number | null {
  if (degrees === null) return null;
  const factor = 10 ** LOCATION_DECIMALS;
  return Math.round(degrees * factor) / factor;
}

/** What a request of a type with this visibility shows the public, from what is stored. */
export type PublicFacts = {
  description: string;
  address: string | null;
  addressId: string | null;
  latitude: number | null;
  longitude: number | null;
  mediaUrl: string | null;
  /** The latest public note. */
  note: string | null;
  /** The neighborhood's name in the reader's language, the summary's only address. */
  neighborhood: string | null;
};

/** The public copy of a request's facts; null when the public must not see it at all. */
export function publicFacts(visibility: PublicVisibility, facts: PublicFacts): PublicFacts | null {
  switch (visibility) {
    case 'full':
      return facts;
    case 'summary':
      return {
        description: '',
        address: facts.neighborhood,
        addressId: null,
        latitude: coarsen(facts.latitude),
        longitude: coarsen(facts.longitude),
        mediaUrl: null,
        note: null,
        neighborhood: facts.neighborhood,
      };
    case 'none':
      return null;
  }
}
