import { z } from 'zod';

/**
 * A mail client's one-click unsubscribe (RFC 8058): exactly one `List-Unsubscribe=One-Click`
 * field, posted without a cookie or CSRF token (the signed link is the proof).
 */
export const OneClickUnsubscribeSchema = z.object({ 'List-Unsubscribe': z.literal('One-Click') });

/** The unsubscribe page's own button: nothing to fill in, only its CSRF token. */
export const UnsubscribeSchema = z.object({});
