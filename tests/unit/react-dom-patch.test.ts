import { createElement } from 'react';
import { renderToPipeableStream } from 'react-dom/server';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';

/**
 * patches/react-dom+18.3.1.patch: React 18's server renderer wrote a NUL byte before a character
 * of several bytes that did not fit at the end of its 2,048-byte buffer. Rendering accented text
 * at every alignment of the buffer must give exactly the text, with no NUL.
 */
async function render(pad: number): Promise<Buffer> {
  const words = Array.from({ length: 300 }, (_, i) => createElement('span', { key: i }, 'Qué año, ¿señor?'));
  const tree = createElement('div', null, 'x'.repeat(pad), words);
  return new Promise((resolve, reject) => {
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    out.on('end', () => resolve(Buffer.concat(chunks)));
    const { pipe } = renderToPipeableStream(tree, { onAllReady: () => pipe(out), onError: reject });
  });
}

describe('react-dom server patch', () => {
  it('never writes a NUL byte, whatever the alignment of accented text', async () => {
    for (let pad = 0; pad < 24; pad++) {
      const html = await render(pad);
      expect([pad, html.indexOf(0)]).toEqual([pad, -1]);
      expect(html.toString('utf8').split('Qué año, ¿señor?')).toHaveLength(301);
    }
  });
});
