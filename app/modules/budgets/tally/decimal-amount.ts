/**
 * Amounts as Pabulib writes them ("150000", "308298.85", sometimes "1500,50"), read exactly: a
 * bigint count of 10^-decimals units, never a float. A file's amounts are brought to one unit
 * (the most decimals any of them has) before a tally, so a budget with cents and costs in whole
 * units compare as they should.
 */
export interface DecimalAmount {
  /** value = units / 10^decimals */
  units: bigint;
  decimals: number;
}

const DECIMAL = /^(\d+)(?:[.,](\d+))?$/;

/** A non-negative decimal number, or null. */
export function parseDecimalAmount(text: string): DecimalAmount | null {
  const match = DECIMAL.exec(text.trim());
  if (!match) return null;
  const fraction = match[2] ?? '';
  return { units: BigInt(match[1] + fraction), decimals: fraction.length };
}

/** "308298.85" for { units: 30829885n, decimals: 2 }: the digits given, so it reads back the same. */
export function formatDecimalAmount(amount: DecimalAmount): string {
  const digits = amount.units.toString().padStart(amount.decimals + 1, '0');
  if (!amount.decimals) return digits;
  return `${digits.slice(0, -amount.decimals)}.${digits.slice(-amount.decimals)}`;
}

/** The amount as a count of 10^-decimals units (decimals at least the amount's own). */
export function toUnits(amount: DecimalAmount, decimals: number): bigint {
  if (decimals < amount.decimals) throw new RangeError('toUnits: fewer decimals than the amount has');
  return amount.units * 10n ** BigInt(decimals - amount.decimals);
}
