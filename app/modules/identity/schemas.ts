import { z } from 'zod';
import { email, msg, optionalText, text } from '~/lib/forms';
import { supportedLanguages } from '~/lib/i18n';
import { ROLES, SCOPE_KINDS } from './policy';

export const PASSWORD_MIN = 10;
export const password = () => z.string().min(PASSWORD_MIN, msg('forms:tooShort', { min: PASSWORD_MIN })).max(200);
const locale = () => z.enum(supportedLanguages);
const neighborhood = () => optionalText(64);

export const SignUpSchema = z.object({
  displayName: text(60),
  email: email(),
  password: password(),
  locale: locale(),
  neighborhoodId: neighborhood(),
});

export const SignInSchema = z.object({
  email: email(),
  password: z.string().min(1).max(200),
  redirectTo: optionalText(500),
});

export const ForgotPasswordSchema = z.object({ email: email() });
export const ResetPasswordSchema = z
  .object({ token: z.string().min(10).max(200), password: password(), confirm: z.string() })
  .refine((v) => v.password === v.confirm, { path: ['confirm'], message: msg('account:errors.passwordsDiffer') });

export const ProfileSchema = z.object({ displayName: text(60), locale: locale(), neighborhoodId: neighborhood() });
export const ChangeEmailSchema = z.object({ email: email(), currentPassword: z.string().min(1).max(200) });
export const ChangePasswordSchema = z
  .object({ currentPassword: z.string().min(1).max(200), password: password(), confirm: z.string() })
  .refine((v) => v.password === v.confirm, { path: ['confirm'], message: msg('account:errors.passwordsDiffer') });
export const DeleteAccountSchema = z.object({ currentPassword: z.string().min(1).max(200), confirm: z.literal('on', { errorMap: () => ({ message: msg('account:errors.confirmDelete') }) }) });

export const GrantRoleSchema = z.object({
  email: email(),
  role: z.enum(ROLES),
  scope: optionalText(100), // "<kind>:<id>" for scoped roles
});
export const RevokeRoleSchema = z.object({ grantId: z.string().min(1).max(64) });
export const ScopeSchema = z.object({ kind: z.enum(SCOPE_KINDS), id: z.string().min(1) });
