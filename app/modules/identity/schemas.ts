import { z } from 'zod';
import { checkbox, email, msg, optionalText, text } from '~/lib/forms';
import { supportedLanguages } from '~/lib/i18n';
import { EmailPreferenceSchema } from '~/modules/notifications/preferences';
import { RoleSchema } from './values';

export const PASSWORD_MIN = 10;
const password = () =>
  z
    .string()
    .min(PASSWORD_MIN, msg('forms:tooShort', { min: PASSWORD_MIN }))
    .max(200);
const locale = () => z.enum(supportedLanguages);
const neighborhood = () => optionalText(64);
/** A password the person already has (never echoed back: respond.server hides it). */
const currentPassword = () => z.string().min(1).max(200);

export const SignUpSchema = z.object({
  displayName: text(60),
  email: email(),
  password: password(),
  locale: locale(),
  neighborhoodId: neighborhood(),
  // The terms of use and the privacy notice, accepted once (their versions are stored with the account).
  acceptTerms: checkbox().refine((accepted) => accepted, msg('auth:signUp.acceptTermsRequired')),
});

/** Accepting the current terms and privacy notice after they changed (/accept-terms): the versions shown. */
export const AcceptTermsSchema = z.object({
  termsVersion: z.coerce.number().int().min(1).max(1_000_000),
  privacyVersion: z.coerce.number().int().min(1).max(1_000_000),
  accept: checkbox().refine((accepted) => accepted, msg('pages:accept.required')),
  redirectTo: optionalText(500),
});

export const SignInSchema = z.object({
  email: email(),
  password: currentPassword(),
  redirectTo: optionalText(500),
});

export const ForgotPasswordSchema = z.object({ email: email() });
export const ResetPasswordSchema = z
  .object({ token: z.string().min(10).max(200), password: password(), confirmPassword: z.string() })
  .refine((v) => v.password === v.confirmPassword, { path: ['confirmPassword'], message: msg('account:errors.passwordsDiffer') });

export const ProfileSchema = z.object({ displayName: text(60), locale: locale(), neighborhoodId: neighborhood() });
export const ChangeEmailSchema = z.object({ email: email(), currentPassword: currentPassword() });
export const ChangePasswordSchema = z
  .object({ currentPassword: currentPassword(), password: password(), confirmPassword: z.string() })
  .refine((v) => v.password === v.confirmPassword, { path: ['confirmPassword'], message: msg('account:errors.passwordsDiffer') });
export const DeleteAccountSchema = z.object({
  currentPassword: currentPassword(),
  confirm: z.literal('on', { errorMap: () => ({ message: msg('account:errors.confirmDelete') }) }),
});

/** The roles page: grant a role (city-wide, or in the scope "<kind>:<id>"), or revoke a grant. */
export const GrantRoleSchema = z.object({
  intent: z.literal('grant'),
  email: email(),
  role: RoleSchema,
  scope: optionalText(100),
});
export const RevokeRoleSchema = z.object({ intent: z.literal('revoke'), grantId: z.string().min(1).max(64) });
export const RolesActionSchema = z.discriminatedUnion('intent', [GrantRoleSchema, RevokeRoleSchema]);

/** The language switch in the page header (for visitors too). */
export const LanguageSchema = z.object({ locale: locale(), redirectTo: z.string().max(500).optional() });

/** How often notification e-mail is sent (account → notifications). */
export const NotificationPreferenceSchema = z.object({ notifyEmail: EmailPreferenceSchema });

/** A form that is only its button (sign out, sign out everywhere, unsubscribe): no fields to check. */
export const ButtonOnlySchema = z.object({});
