import { describe, expect, it } from 'vitest';
import { amountText, formatMoney, isCurrency, parseAmount } from '~/modules/budgets/money';

describe('money in minor units', () => {
  it('reads typed amounts exactly, in the currency’s minor units, and refuses what is not an amount', () => {
    expect(parseAmount('1500', 'USD')).toBe(150000n);
    expect(parseAmount(' 1,500.5 ', 'USD')).toBe(150050n);
    expect(parseAmount('0.07', 'EUR')).toBe(7n);
    expect(parseAmount('123456789012345.99', 'PLN')).toBe(12345678901234599n);
    expect(parseAmount('1500', 'JPY')).toBe(1500n);
    for (const bad of ['', '-5', '1.234', '1e3', 'abc', '1.5.0', '12,3.4.5'] as const) expect(parseAmount(bad, 'USD'), bad).toBeNull();
    expect(parseAmount('10.5', 'JPY')).toBeNull();
  });

  it('writes amounts back and formats them through Intl without a float on the way', () => {
    expect(amountText(150050n, 'USD')).toBe('1500.50');
    expect(amountText(7n, 'EUR')).toBe('0.07');
    expect(amountText(1500n, 'JPY')).toBe('1500');
    expect(formatMoney(150050n, 'USD', 'en')).toBe('$1,500.50');
    // 2^53 + 1 cents would round as a float.
    expect(formatMoney(9007199254740993n, 'USD', 'en')).toBe('$90,071,992,547,409.93');
    expect(formatMoney('150050', 'EUR', 'es').replace(/\s/g, ' ')).toBe('1500,50 €');
  });

  it('knows ISO 4217 codes', () => {
    expect(isCurrency('EUR')).toBe(true);
    expect(isCurrency('eur')).toBe(false);
    expect(isCurrency('XYZ')).toBe(false);
  });
});
