import { z } from 'zod';

/**
 * How often a person wants notification e-mail: "immediate" (one mail per notification), "daily"
 * (a digest) or "never". Shared by the settings page (browser) and the mailer (server).
 */
export const EMAIL_PREFERENCES = ['immediate', 'daily', 'never'] as const;
export type EmailPreference = (typeof EMAIL_PREFERENCES)[number];
export const EmailPreferenceSchema = z.enum(EMAIL_PREFERENCES);
