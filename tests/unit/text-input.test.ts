import { describe, expect, it } from 'vitest';
import { cleanText, oneLine } from '~/lib/text';

describe('cleanText', () => {
  it('removes NUL, C0 controls but tab and newline, DEL, C1 and noncharacters; normalizes line ends', () => {
    expect(cleanText('a\u0000b\u0001c\u001Fd\u007Fe\u0085f\u009Fg')).toBe('abcdefg');
    expect(cleanText('tab\there\r\nCRLF\rCR\nLF')).toBe('tab\there\nCRLF\nCR\nLF');
    expect(cleanText('x\uFFFE\uFFFF\uFDD0\uFDEF\u{1FFFE}\u{10FFFF}y')).toBe('xy');
    expect(cleanText('keep \u{1F600} é ñ 中')).toBe('keep \u{1F600} é ñ 中');
  });

  it('replaces a lone surrogate with U+FFFD', () => {
    expect(cleanText('a\uD800b\uDC00c')).toBe('a\uFFFDb\uFFFDc');
  });
});

describe('oneLine (mail subjects)', () => {
  it('turns line breaks into one space and drops controls', () => {
    expect(oneLine('New reply in\r\nBcc: evil@example.org\u0000 thread ')).toBe('New reply in Bcc: evil@example.org thread');
  });
});
