import { afterEach, describe, expect, it, vi } from 'vitest';
import { readBody } from '~/modules/content/body.server';
import { ERRORS, LIMITS, parseRichText, safeUrl, type RichTextDoc } from '~/modules/content/richtext';
import { hostileCases } from '../fixtures/hostile-richtext';
import { element as el, paragraph, richDoc, textNode } from '../support/richtext';

const t = (text: string, format = 0) => textNode(text, { format });
const p = (...children: unknown[]) => paragraph(children);
const doc = (...children: unknown[]) => richDoc(children);

/** Every node type of the accepted subset, in the exact shape Lexical 0.52 exports (toJSON). */
const full = doc(
  p(
    t('bold', 1),
    t(' italic', 2),
    t(' underline', 8),
    t(' code', 16),
    t(' all', 27),
    { type: 'linebreak', version: 1 },
    {
      type: 'link',
      url: 'https://example.org/a?b=c#d',
      rel: null,
      target: null,
      title: null,
      children: [t('a link')],
      ...el,
    },
    { type: 'text', text: ' and ', format: 0, detail: 0, mode: 'normal', style: '', version: 1 },
    { type: 'mention', userId: 'cku1abc_9-Z', name: 'Rosa Delgado', version: 1 },
  ),
  { type: 'heading', tag: 'h2', children: [t('Two')], ...el },
  { type: 'heading', tag: 'h3', children: [t('Three')], ...el },
  { type: 'heading', tag: 'h4', children: [t('Four')], ...el },
  { type: 'quote', children: [t('Quoted')], ...el },
  {
    type: 'list',
    listType: 'bullet',
    start: 1,
    tag: 'ul',
    ...el,
    children: [
      { type: 'listitem', value: 1, children: [t('one')], ...el },
      {
        type: 'listitem',
        value: 2,
        ...el,
        children: [
          {
            type: 'list',
            listType: 'number',
            start: 1,
            tag: 'ol',
            ...el,
            children: [{ type: 'listitem', value: 1, children: [t('nested')], ...el, indent: 1 }],
          },
        ],
      },
    ],
  },
  {
    type: 'list',
    listType: 'number',
    start: 3,
    tag: 'ol',
    ...el,
    children: [
      {
        type: 'listitem',
        value: 3,
        children: [
          { type: 'link', url: 'mailto:council@example.org', rel: null, target: null, title: null, children: [t('mail us')], ...el },
        ],
        ...el,
      },
    ],
  },
);

function expectOk(result: ReturnType<typeof parseRichText>): RichTextDoc {
  expect(result).toMatchObject({ ok: true });
  if (!result.ok) throw new Error(result.error);
  return result.doc;
}

describe('parseRichText: accepted documents', () => {
  it('round-trips a document with every node type unchanged', () => {
    expect(expectOk(parseRichText(full))).toEqual(full);
  });

  it('accepts the JSON string the editor posts, and gives the same document', () => {
    expect(expectOk(parseRichText(JSON.stringify(full)))).toEqual(full);
  });

  it('is idempotent: a normalized document normalizes to itself', () => {
    const once = expectOk(parseRichText(full));
    expect(expectOk(parseRichText(JSON.parse(JSON.stringify(once))))).toEqual(once);
  });

  it('fills in omitted Lexical defaults (compact JSON) and derives list numbering and indent', () => {
    const compact = {
      root: {
        type: 'root',
        children: [
          { type: 'paragraph', children: [{ type: 'text', text: 'hi' }] },
          {
            type: 'list',
            listType: 'number',
            start: 5,
            children: [
              { type: 'listitem', value: 99, indent: 7, checked: true, children: [{ type: 'text', text: 'a' }] },
              {
                type: 'listitem',
                children: [{ type: 'list', listType: 'bullet', children: [{ type: 'listitem', children: [{ type: 'text', text: 'b' }] }] }],
              },
            ],
          },
        ],
      },
    };
    expect(expectOk(parseRichText(compact))).toEqual(
      doc(p(t('hi')), {
        type: 'list',
        listType: 'number',
        start: 5,
        tag: 'ol',
        ...el,
        children: [
          { type: 'listitem', value: 5, children: [t('a')], ...el },
          {
            type: 'listitem',
            value: 6,
            ...el,
            children: [
              {
                type: 'list',
                listType: 'bullet',
                start: 1,
                tag: 'ul',
                ...el,
                children: [{ type: 'listitem', value: 1, children: [t('b')], ...el, indent: 1 }],
              },
            ],
          },
        ],
      }),
    );
  });

  it('stores a pasted tab as a "\\t" text node and trims mention names', () => {
    const result = parseRichText(
      doc(p(t('a'), { type: 'tab', text: '\t', format: 1, style: 'color:red' }, { type: 'mention', userId: 'u1', name: '  Ana  ' })),
    );
    expect(expectOk(result).root.children[0]).toEqual(p(t('a'), t('\t', 1), { type: 'mention', userId: 'u1', name: 'Ana', version: 1 }));
  });

  it('canonicalizes link addresses', () => {
    const result = parseRichText(doc(p({ type: 'link', url: 'HTTPS://Example.ORG', children: [t('x')] })));
    expect(expectOk(result).root.children[0]).toMatchObject({ children: [{ url: 'https://example.org/' }] });
  });

  it('accepts exactly the limits', () => {
    expectOk(parseRichText(doc(p(t('a'.repeat(LIMITS.text))))));
    // 2,000 nodes pass the count; in Lexical's full JSON the 64 KB limit on the stored
    // (normalized) document binds first (a line break is 32 bytes), so this ends as tooLarge.
    const nodes = (n: number) =>
      doc({ type: 'paragraph', children: [{ type: 'text', text: 'x' }, ...Array.from({ length: n - 2 }, () => ({ type: 'linebreak' }))] });
    expect(parseRichText(nodes(LIMITS.nodes))).toEqual({ ok: false, error: ERRORS.tooLarge });
    expect(parseRichText(nodes(LIMITS.nodes + 1))).toEqual({ ok: false, error: ERRORS.tooComplex });
    expectOk(parseRichText(nodes(1500)));
    // depth 8: list(1) > item(2) > list(3) > item(4) > list(5) > item(6) > link(7) > text(8)
    const deep = (d: number): unknown =>
      d === 6
        ? { type: 'link', url: 'https://x.org', children: [t('deep')] }
        : d % 2 === 0
          ? { type: 'list', listType: 'bullet', children: [deep(d + 1)] }
          : { type: 'listitem', children: [deep(d + 1)] };
    expectOk(parseRichText(doc(deep(0))));
    expect(parseRichText(doc({ type: 'list', listType: 'bullet', children: [{ type: 'listitem', children: [deep(0)] }] }))).toEqual({
      ok: false,
      error: ERRORS.tooDeep,
    });
  });
});

describe('parseRichText: hostile corpus', () => {
  it.each(hostileCases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const result = parseRichText(c.input);
    if ('error' in c) expect(result).toEqual({ ok: false, error: c.error });
    else expect(result).toEqual({ ok: true, doc: c.doc });
  });

  it('never leaves __proto__ or constructor as own keys, and pollutes nothing', () => {
    const input = JSON.parse(
      '{"root":{"type":"root","__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}},"children":[{"type":"paragraph","children":[{"type":"text","text":"x","__proto__":{"polluted":1}}]}]}}',
    );
    const result = expectOk(parseRichText(input));
    const json = JSON.stringify(result);
    expect(json).not.toMatch(/__proto__|constructor|polluted/);
    expect(Object.getPrototypeOf(result.root.children[0].children[0])).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  describe('a 1 MB document', () => {
    afterEach(() => vi.restoreAllMocks());
    it('is refused before JSON.parse', () => {
      const huge = JSON.stringify(doc(p(t('a'.repeat(1024 * 1024)))));
      const parse = vi.spyOn(JSON, 'parse');
      expect(parseRichText(huge)).toEqual({ ok: false, error: ERRORS.tooLarge });
      expect(parse).not.toHaveBeenCalled();
    });
    it('is refused as an object too', () => {
      expect(parseRichText(doc(p(t('a'.repeat(1024 * 1024)))))).toEqual({ ok: false, error: ERRORS.tooLarge });
    });
    it('counts UTF-8 bytes, not characters', () => {
      const json = JSON.stringify(doc(p(t('€'.repeat(30_000)))));
      expect(json.length).toBeLessThan(LIMITS.bytes);
      expect(parseRichText(json)).toEqual({ ok: false, error: ERRORS.tooLarge });
    });
  });

  it('refuses a cyclic object without hanging', () => {
    const para: Record<string, unknown> = { type: 'paragraph', children: [] };
    (para.children as unknown[]).push(para);
    expect(parseRichText(doc(para))).toEqual({ ok: false, error: ERRORS.tooDeep });
  });
});

describe('safeUrl', () => {
  it.each([
    ['https://example.org', 'https://example.org/'],
    ['http://example.org/a b', null],
    ['mailto:ana@example.org', 'mailto:ana@example.org'],
    ['mailto:', null],
    ['mailto://x', null],
    ['https://', null],
    ['https://xn--bcher-kva.example/', 'https://xn--bcher-kva.example/'],
    ['https://bücher.example/', 'https://xn--bcher-kva.example/'],
    ['ftp://example.org', null],
    ['javascript://%0Aalert(1)', null],
    ['https://example.org\u200b', null],
  ])('%s → %s', (input, expected) => {
    expect(safeUrl(input)).toBe(expected);
  });
});

describe('readBody', () => {
  const form = (fields: Record<string, string>) => {
    const data = new FormData();
    for (const [k, v] of Object.entries(fields)) data.append(k, v);
    return data;
  };

  it('prefers the editor JSON and returns the plain-text copy', () => {
    const result = readBody(
      form({ body: JSON.stringify(doc(p(t('Hello '), { type: 'mention', userId: 'u1', name: 'Ana' }))), bodyText: 'ignored' }),
    );
    expect(result).toEqual({
      ok: true,
      doc: doc(p(t('Hello '), { type: 'mention', userId: 'u1', name: 'Ana', version: 1 })),
      text: 'Hello @Ana',
    });
  });

  it('falls back to the textarea when there is no JSON', () => {
    const result = readBody(form({ body: '', bodyText: 'First\n\nSee https://example.org' }));
    expect(result.ok && result.text).toBe('First\n\nSee https://example.org');
    expect(result.ok && result.doc.root.children).toHaveLength(2);
  });

  it('uses the field name given', () => {
    expect(readBody(form({ replyText: 'Hi' }), 'reply')).toMatchObject({ ok: true, text: 'Hi' });
  });

  it('gives content errors', () => {
    expect(readBody(form({}))).toEqual({ ok: false, error: ERRORS.empty });
    expect(readBody(form({ bodyText: '   \n\n  ' }))).toEqual({ ok: false, error: ERRORS.empty });
    expect(readBody(form({ body: '{nope' }))).toEqual({ ok: false, error: ERRORS.invalid });
    expect(readBody(form({ bodyText: 'x'.repeat(LIMITS.text + 1) }))).toEqual({ ok: false, error: ERRORS.tooLong });
    expect(readBody(form({ bodyText: 'x'.repeat(1024 * 1024) }))).toEqual({ ok: false, error: ERRORS.tooLong });
    expect(readBody(form({ body: JSON.stringify(doc(p({ type: 'link', url: 'javascript:alert(1)', children: [t('x')] }))) }))).toEqual({
      ok: false,
      error: ERRORS.badLink,
    });
  });
});
