/**
 * What the request log keeps of a URL: its path without the query string, and without the
 * secrets some paths carry (an invite link's token, a private calendar feed's token), which
 * would otherwise let anyone who reads the logs join a group or read its members-only meetings.
 */
const SECRET_SEGMENTS = /(\/join\/|\/calendars\/)[^/?]+/g;

export function loggedPath(url: string): string {
  return url.split('?')[0].replace(SECRET_SEGMENTS, '$1[secret]');
}
