/**
 * The city's accent colour, checked the WCAG 2.2 way: white text on it needs 4.5:1 (the header,
 * buttons), and it must stand out 3:1 from the page in both themes (a non-text contrast). The
 * page colours are app/styles/app.css's `--paper` in light and dark.
 */
export const PAGE_BACKGROUNDS = { light: '#ffffff', dark: '#0f1419' } as const;
export const ACCENT_MIN = { text: 4.5, page: 3 } as const;
export const HEX_COLOR = /^#[0-9a-f]{6}$/;

/** Relative luminance of an sRGB colour `#rrggbb` (WCAG 2.2's definition). */
export function relativeLuminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}

/** Whether an accent meets both thresholds, with its ratios (rounded down to 0.1, as shown to the admin). */
export function accentContrast(hex: string) {
  const floor = (n: number) => Math.floor(n * 10) / 10;
  const text = contrastRatio(hex, '#ffffff');
  const page = Math.min(contrastRatio(hex, PAGE_BACKGROUNDS.light), contrastRatio(hex, PAGE_BACKGROUNDS.dark));
  return { ok: text >= ACCENT_MIN.text && page >= ACCENT_MIN.page, text: floor(text), page: floor(page) };
}
