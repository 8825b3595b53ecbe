import { can, type Actor } from '~/modules/identity/policy';
import { DEFAULT_VISIBILITY, isOneOf, PUBLIC_VISIBILITIES, type PublicVisibility } from './values';

/**
 * Who may read a service request (pure, no I/O). Deny by default:
 *  - the signed-in resident who filed it (requesterId);
 *  - whoever holds its secret tracking link (checked against the stored hash by the caller);
 *  - admins and city-wide staff, and the liaisons of the request's department
 *    (`read:service-request`, a department-scoped grant for liaisons).
 * Everyone else gets a 404 from the routes, so public codes cannot be probed.
 */
export type RequestAccessScope = { requesterId: string | null; departmentId: string };

/** Staff who handle the department's requests (and see contact details and internal notes). */
export function canHandleRequests(actor: Actor, departmentId: string): boolean {
  return can(actor, 'read:service-request', { scopeKind: 'department', scopeId: departmentId });
}

export function isRequester(actor: Actor, request: RequestAccessScope): boolean {
  // A suspended resident still follows their own requests; banned and deleted accounts are signed out.
  return !!actor && !!request.requesterId && request.requesterId === actor.id;
}

/**
 * `follows`: the signed-in reader follows the request (a Follow row: filed it, followed a duplicate
 * of it, or wrote a forum post it was linked to); they get the resident's view, like the requester.
 */
export function canReadRequest(actor: Actor, request: RequestAccessScope, holdsLink = false, follows = false): boolean {
  return holdsLink || isRequester(actor, request) || (!!actor && follows) || canHandleRequests(actor, request.departmentId);
}

/**
 * The courtesy follow-up rates the staff who handled a request, so its answers are read (and
 * answers given on the phone typed in) by city-wide staff and admins, never by the department's
 * liaisons, whose work it rates.
 */
export function canReviewFollowUps(actor: Actor): boolean {
  return can(actor, 'read:service-request');
}

/**
 * Turning a forum post into a service request (or linking it to one, or unlinking it): admins,
 * city-wide staff and liaisons (`promote:post`), and the moderators of the post's channel when
 * the city's setting allows it. The caller checks the post is visible to the actor first.
 */
export function canPromotePost(actor: Actor, channel: { id: string }, moderatorsMayPromote: boolean): boolean {
  if (can(actor, 'promote:post')) return true;
  return moderatorsMayPromote && can(actor, 'moderate:channel', { scopeKind: 'channel', scopeId: channel.id });
}

/** Requester contact details are for the staff handling the request only, never the public. */
export function canSeeRequesterContact(actor: Actor, request: RequestAccessScope): boolean {
  return canHandleRequests(actor, request.departmentId);
}

/**
 * Anyone may file, signed in or not (anonymous reports are a city requirement). A suspended
 * account keeps filing: reporting a pothole is not forum speech. Rate limits and the honeypot
 * guard the form.
 */
export function canFileRequest(actor: Actor): boolean {
  return !actor || actor.status === 'active' || actor.status === 'suspended';
}

/**
 * "Follow it / me too" on a request the public sees (its type's visibility is not `none`) while it
 * is open: any signed-in resident who may file (a me-too is a report, not forum speech). It gives
 * notices of the request's public changes, never the requester's view of it.
 */
export function canSayMeToo(actor: Actor, request: { visibility: PublicVisibility; open: boolean }): boolean {
  return !!actor && canFileRequest(actor) && request.visibility !== 'none' && request.open;
}

/**
 * Recording a request on someone's behalf (phone, walk-in, mail...): admins and city-wide staff for
 * any type, a department's liaisons for that department's types (so they land on a request they
 * may read and handle). Residents, moderators and captains take no calls for the city.
 */
export function canRecordRequest(actor: Actor, departmentId: string): boolean {
  return can(actor, 'record:service-request', { scopeKind: 'department', scopeId: departmentId });
}

/** The departments whose types this actor may record: 'all', some, or null (none: no access). */
export function recordableDepartments(actor: Actor): 'all' | string[] | null {
  if (!actor || actor.status !== 'active') return null;
  if (can(actor, 'record:service-request')) return 'all';
  const own = actor.grants
    .filter((g) => g.scopeKind === 'department' && g.scopeId && canRecordRequest(actor, g.scopeId))
    .map((g) => g.scopeId!);
  return own.length ? [...new Set(own)] : null;
}

/** The departments a reader handles: all for admins and city-wide staff, a liaison's own; null: none. */
export function handledDepartments(actor: Actor): 'all' | string[] | null {
  if (!actor || actor.status !== 'active') return null;
  if (can(actor, 'read:service-request')) return 'all';
  const own = actor.grants.filter((g) => g.role === 'liaison' && g.scopeKind === 'department' && g.scopeId).map((g) => g.scopeId!);
  return own.length ? [...new Set(own)] : null;
}

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
 */

export const asVisibility = (value: string): PublicVisibility => (isOneOf(PUBLIC_VISIBILITIES, value) ? value : DEFAULT_VISIBILITY);

/** 3 decimals: a cell of about 110 m north–south (less east–west), a city block. */
const LOCATION_DECIMALS = 3;

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
