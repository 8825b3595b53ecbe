/**
 * Money as integer minor units (cents) of an ISO 4217 currency, never a float
 * (docs/decisions/0024-participatory-budgeting.md): read from a form's decimal text and shown
 * through Intl in the reader's language. Amounts in files (Pabulib's any number of decimals, a
 * comma allowed as the decimal mark) are read by tally/decimal-amount.ts, whose writing of a
 * decimal text this module shares.
 */
import { formatDecimalAmount } from './tally/decimal-amount';

const fractionDigitsCache = new Map<string, number>();

/** The currency's minor-unit digits (2 for EUR and USD, 0 for JPY), as Intl knows them. */
export function fractionDigits(currency: string): number {
  let digits = fractionDigitsCache.get(currency);
  if (digits === undefined) {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    fractionDigitsCache.set(currency, digits);
  }
  return digits;
}

/** Whether Intl knows this ISO 4217 code (a three-letter code it can format). */
export function isCurrency(code: string): boolean {
  if (!/^[A-Z]{3}$/.test(code)) return false;
  return (Intl.supportedValuesOf('currency') as string[]).includes(code);
}

/**
 * A decimal amount as typed ("1500", "1,500.50", "1500.5") in minor units, or null when it is not
 * one (a sign, letters, more decimals than the currency has). Thousands separators (commas,
 * spaces) are dropped; the decimal separator is the point.
 */
export function parseAmount(text: string, currency: string): bigint | null {
  const cleaned = text.trim().replace(/[,\s\u00a0\u202f]/g, '');
  const digits = fractionDigits(currency);
  const m = /^(\d{1,15})(?:\.(\d+))?$/.exec(cleaned);
  if (!m || (m[2] && m[2].length > digits)) return null;
  return BigInt(m[1]) * 10n ** BigInt(digits) + BigInt((m[2] ?? '').padEnd(digits, '0') || '0');
}

/** Minor units as the decimal text a form shows back ("1500.50"; a difference may be "-20.05"). */
export function amountText(minor: bigint, currency: string): string {
  const text = formatDecimalAmount({ units: minor < 0n ? -minor : minor, decimals: fractionDigits(currency) });
  return minor < 0n ? `-${text}` : text;
}

const formats = new Map<string, Intl.NumberFormat>();

/**
 * Minor units in the reader's language and the currency ("$1,500.50", "1500,50 €"); `signed` shows
 * a difference's sign either way ("+$20.00", "-$20.00").
 */
export function formatMoney(minor: bigint | string, currency: string, lng: string, options: { signed?: boolean } = {}): string {
  const key = `${lng}|${currency}|${options.signed ? 's' : ''}`;
  let f = formats.get(key);
  if (!f)
    formats.set(
      key,
      (f = new Intl.NumberFormat(lng, { style: 'currency', currency, signDisplay: options.signed ? 'exceptZero' : 'auto' })),
    );
  // Intl formats a decimal string exactly (no float on the way).
  return f.format(amountText(BigInt(minor), currency) as unknown as number);
}
