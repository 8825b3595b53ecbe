import { z } from 'zod';
import { msg } from '~/lib/forms';

/** Public codes: 8 characters from an alphabet without look-alikes (no 0/O, 1/I/L, U/V). */
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTWXYZ';
export const CODE_LENGTH = 8;
const CODE_PATTERN = new RegExp(`^[${CODE_ALPHABET}]{${CODE_LENGTH}}$`);

/** A request's public code as found in a URL or an API call. */
export const PublicCodeSchema = z.string().trim().toUpperCase().regex(CODE_PATTERN);

/** A public code typed into a form (linking a post, marking a duplicate): a localized message. */
export const typedPublicCode = (message = 'requests:promote.errors.codeFormat') =>
  z.string().trim().toUpperCase().max(20).regex(CODE_PATTERN, msg(message));
