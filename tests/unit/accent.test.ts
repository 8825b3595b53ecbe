import { describe, expect, it } from 'vitest';
import { accentContrast, contrastRatio, relativeLuminance } from '~/modules/places/accent';

describe('accent colour contrast (WCAG 2.2)', () => {
  it('computes relative luminance and contrast ratios as WCAG defines them', () => {
    expect(relativeLuminance('#ffffff')).toBeCloseTo(1, 6);
    expect(relativeLuminance('#000000')).toBe(0);
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 6);
    expect(contrastRatio('#ffffff', '#000000')).toBeCloseTo(21, 6);
    // #767676 on white is the well-known 4.54:1.
    expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
  });

  it('accepts a colour that carries white text and stands out on both page backgrounds', () => {
    expect(accentContrast('#1a7f52')).toEqual({ ok: true, text: 4.9, page: 3.7 });
  });

  it('refuses a colour too light for white text, or too dark for the dark theme', () => {
    expect(accentContrast('#ffff00')).toMatchObject({ ok: false, text: 1 });
    expect(accentContrast('#0b5d3b')).toMatchObject({ ok: false, text: 7.9, page: 2.3 });
    expect(accentContrast('#000000').ok).toBe(false);
  });
});
