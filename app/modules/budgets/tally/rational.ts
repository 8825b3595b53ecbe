/**
 * Exact rationals of bigints, for a tally that must never round: a float would make a result
 * depend on the order of additions and could flip a tie between two projects.
 *
 * Our own small module rather than fraction.js (maintained, typed, bigint inside since v5): that
 * library also takes JS numbers (approximating a float by a fraction) and its valueOf() turns a
 * fraction into a float, so `a < b` compiles and silently compares floats. Here every input is a
 * bigint, and using a Rational as a number (`<`, `+`, Number(r)) throws.
 */

/** Greatest common divisor of |a| and |b| (gcd(0, 0) = 0). */
export function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

export class Rational {
  /** Numerator and denominator in lowest terms; the denominator is positive. */
  readonly num: bigint;
  readonly den: bigint;

  constructor(num: bigint, den: bigint = 1n) {
    if (den === 0n) throw new RangeError('Rational: zero denominator');
    if (den < 0n) [num, den] = [-num, -den];
    const g = gcd(num, den);
    this.num = g > 1n ? num / g : num;
    this.den = g > 1n ? den / g : den;
  }

  static readonly ZERO = new Rational(0n);

  add(other: Rational): Rational {
    return new Rational(this.num * other.den + other.num * this.den, this.den * other.den);
  }

  sub(other: Rational): Rational {
    return new Rational(this.num * other.den - other.num * this.den, this.den * other.den);
  }

  mul(other: Rational): Rational {
    return new Rational(this.num * other.num, this.den * other.den);
  }

  div(other: Rational): Rational {
    if (other.num === 0n) throw new RangeError('Rational: division by zero');
    return new Rational(this.num * other.den, this.den * other.num);
  }

  /** Negative, zero or positive as this is less than, equal to or greater than other. */
  compare(other: Rational): -1 | 0 | 1 {
    const left = this.num * other.den;
    const right = other.num * this.den;
    return left < right ? -1 : left > right ? 1 : 0;
  }

  equals(other: Rational): boolean {
    return this.num === other.num && this.den === other.den;
  }

  lt(other: Rational): boolean {
    return this.compare(other) < 0;
  }

  /** "3/4", or "3" for an integer. */
  toString(): string {
    return this.den === 1n ? `${this.num}` : `${this.num}/${this.den}`;
  }

  /** Only a string conversion is allowed: arithmetic through JS numbers would round. */
  [Symbol.toPrimitive](hint: string): string {
    if (hint === 'string') return this.toString();
    throw new TypeError('Rational: use compare/add/... instead of number operators (they would round through a float)');
  }
}

export function rational(num: bigint, den: bigint = 1n): Rational {
  return new Rational(num, den);
}
