import { describe, expect, it } from 'vitest';
import { answersSchema } from '~/modules/surveys/answers';
import { parseWithZod } from '@conform-to/zod';
import { applyFieldChange } from '~/modules/requests/catalog/catalog.server';
import {
  FieldDefinitionSchema,
  FieldFormSchema,
  FieldSetSchema,
  NewRequestTypeSchema,
  requestCode,
  type FieldDefinition,
} from '~/modules/requests/catalog/schemas';
import { SEED_REQUEST_TYPES, seedFields } from '../../prisma/seed-request-types';

const L = (en: string, es = en) => ({ en, es });
const choice = (key: string, kind: 'singleChoice' | 'multipleChoice', required: boolean, order: number): FieldDefinition => ({
  key,
  kind,
  required,
  label: L(key),
  options: [
    { value: 'brick', label: L('Brick', 'Ladrillo') },
    { value: 'wood', label: L('Wood', 'Madera') },
    { value: 'metal', label: L('Metal') },
  ],
  order,
});
const simple = (key: string, kind: FieldDefinition['kind'], required: boolean, order: number): FieldDefinition => ({
  key,
  kind,
  required,
  label: L(key),
  order,
});

/** The field form read as the route reads it (Conform): the field, or errors by field name and the input. */
function parseFieldForm(data: FormData) {
  const submission = parseWithZod(data, { schema: FieldFormSchema });
  if (submission.status === 'success') return { ok: true as const, data: submission.value };
  const errors = (submission.error ?? {}) as Record<string, string[]>;
  return { ok: false as const, errors, values: submission.payload as Record<string, any> };
}

function form(fields: Record<string, string>) {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.append(k, v);
  return data;
}

describe('request codes and field keys', () => {
  it('accepts short slugs and lower-cases them', () => {
    expect(requestCode().parse('street-light-out')).toBe('street-light-out');
    expect(requestCode().parse(' Graffiti ')).toBe('graffiti');
    for (const bad of ['street light', 'x', '-pothole', 'pothole-', 'double--hyphen', '1abc', 'a'.repeat(41), 'árbol']) {
      expect(requestCode().safeParse(bad).success, bad).toBe(false);
    }
  });

  it('needs every text of a new type in both languages and a whole number of target hours', () => {
    const base = {
      code: 'pothole',
      name: { en: 'Pothole', es: 'Bache' },
      description: { en: 'A hole', es: 'Un hoyo' },
      resolution: { en: 'Filled', es: 'Rellenado' },
      group: 'streets',
      departmentId: 'd1',
      defaultPriority: 'normal',
      targetHours: '72',
      publicVisibility: 'full',
    };
    const ok = NewRequestTypeSchema.parse(base);
    expect(ok).toMatchObject({ targetHours: 72, locationRequired: false, photosAllowed: false, publicVisibility: 'full' });
    const bad = NewRequestTypeSchema.safeParse({
      ...base,
      resolution: { en: 'Filled', es: ' ' },
      targetHours: '1.5',
      defaultPriority: 'asap',
      group: 'x',
      publicVisibility: 'everyone',
    });
    expect(bad.success).toBe(false);
    const paths = bad.error!.issues.map((i) => `${i.path.join('.')}:${i.message}`);
    expect(paths).toEqual(
      expect.arrayContaining([
        'resolution.es:forms:required',
        'targetHours:requests:errors.wholeHours',
        'defaultPriority:forms:choose',
        'group:forms:choose',
        'publicVisibility:forms:choose',
      ]),
    );
  });
});

describe('field definitions and field sets', () => {
  it('needs at least two distinct options on choice fields, and none on others', () => {
    expect(FieldDefinitionSchema.safeParse(choice('surface', 'singleChoice', true, 1)).success).toBe(true);
    const one = FieldDefinitionSchema.safeParse({
      ...choice('surface', 'singleChoice', true, 1),
      options: [{ value: 'a', label: L('A') }],
    });
    expect(one.error?.issues[0]).toMatchObject({ path: ['options'], message: 'requests:errors.optionsNeeded' });
    const twice = FieldDefinitionSchema.safeParse({
      ...choice('s', 'multipleChoice', false, 1),
      options: [
        { value: 'a', label: L('A') },
        { value: 'a', label: L('B') },
      ],
    });
    expect(twice.error?.issues[0]).toMatchObject({ path: ['options', 1, 'value'], message: 'requests:errors.optionTaken' });
    const extra = FieldDefinitionSchema.safeParse({
      ...simple('plate', 'text', false, 1),
      options: [
        { value: 'a', label: L('A') },
        { value: 'b', label: L('B') },
      ],
    });
    expect(extra.error?.issues[0]).toMatchObject({ message: 'requests:errors.optionsNotAllowed' });
    expect(FieldDefinitionSchema.safeParse({ ...simple('plate', 'text', false, 1), label: { en: 'Plate' } }).success).toBe(false);
  });

  it('returns a set in display order and refuses duplicate keys', () => {
    const set = FieldSetSchema.parse([simple('b', 'text', false, 2), simple('a', 'number', true, 1)]);
    expect(set.map((f) => f.key)).toEqual(['a', 'b']);
    const dup = FieldSetSchema.safeParse([simple('a', 'text', false, 1), simple('a', 'date', false, 2)]);
    expect(dup.error?.issues[0]).toMatchObject({ path: [1, 'key'], message: 'requests:errors.keyTaken' });
  });

  it('applies a change to a copy, renumbering the order', () => {
    const fields = FieldSetSchema.parse([simple('a', 'text', false, 1), simple('b', 'text', false, 2), simple('c', 'text', false, 3)]);
    const moved = applyFieldChange(fields, { op: 'move', key: 'c', direction: 'up' });
    expect(moved.ok && moved.fields.map((f) => `${f.key}${f.order}`)).toEqual(['a1', 'c2', 'b3']);
    const top = applyFieldChange(fields, { op: 'move', key: 'a', direction: 'up' });
    expect(top.ok && top.fields.map((f) => f.key)).toEqual(['a', 'b', 'c']);
    const removed = applyFieldChange(fields, { op: 'remove', key: 'b' });
    expect(removed.ok && removed.fields.map((f) => `${f.key}${f.order}`)).toEqual(['a1', 'c2']);
    expect(applyFieldChange(fields, { op: 'add', field: simple('a', 'date', false, 0) })).toMatchObject({ ok: false, field: 'key' });
    expect(applyFieldChange(fields, { op: 'remove', key: 'zzz' })).toMatchObject({ ok: false, field: 'form' });
    // The version read is never modified.
    expect(fields.map((f) => `${f.key}${f.order}`)).toEqual(['a1', 'b2', 'c3']);
  });
});

describe('the field form', () => {
  const base = { version: '3', key: 'Surface', kind: 'singleChoice', required: 'on', 'label.en': 'Surface', 'label.es': 'Superficie' };

  it('gathers option rows, skips blank rows and lower-cases keys and values', () => {
    const result = parseFieldForm(
      form({
        ...base,
        'options[0].value': 'Brick',
        'options[0].label.en': 'Brick',
        'options[0].label.es': 'Ladrillo',
        'options[1].value': '',
        'options[1].label.en': '',
        'options[1].label.es': '',
        'options[2].value': 'wood',
        'options[2].label.en': 'Wood',
        'options[2].label.es': 'Madera',
      }),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.data.version).toBe(3);
    expect(result.data.field).toEqual({
      key: 'surface',
      kind: 'singleChoice',
      required: true,
      label: { en: 'Surface', es: 'Superficie' },
      options: [
        { value: 'brick', label: { en: 'Brick', es: 'Ladrillo' } },
        { value: 'wood', label: { en: 'Wood', es: 'Madera' } },
      ],
    });
  });

  it('reports errors at the row and part that need them, keeping the input', () => {
    const result = parseFieldForm(
      form({
        ...base,
        'hint.en': 'Only English',
        'options[0].value': 'brick',
        'options[0].label.en': 'Brick',
        'options[1].value': 'brick',
        'options[1].label.en': 'B',
        'options[1].label.es': 'L',
      }),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors['options[0].label.es']).toEqual(['forms:required']);
    expect(result.errors['options[1].value']).toEqual(['requests:errors.optionTaken']);
    expect(result.errors['hint.es']).toEqual(['requests:errors.hintBoth']);
    expect(result.errors.options).toEqual(['requests:errors.optionsNeeded']);
    expect(result.values.options[1].label.en).toBe('B');
  });

  it('drops option rows left on a field that is not a choice', () => {
    const result = parseFieldForm(
      form({ ...base, kind: 'number', 'options[0].value': 'a', 'options[0].label.en': 'A', 'options[0].label.es': 'A' }),
    );
    expect(result.ok && result.data.field).toEqual({
      key: 'surface',
      kind: 'number',
      required: true,
      label: { en: 'Surface', es: 'Superficie' },
    });
  });
});

describe('answersSchema (answers to one field version)', () => {
  const version = FieldSetSchema.parse([
    simple('make', 'text', true, 1),
    simple('notes', 'longText', false, 2),
    simple('days', 'number', true, 3),
    simple('offensive', 'yesNo', true, 4),
    simple('seen-on', 'date', false, 5),
    choice('surface', 'singleChoice', true, 6),
    choice('materials', 'multipleChoice', false, 7),
    choice('hazards', 'multipleChoice', true, 8),
  ]);
  const schema = answersSchema(version);

  it('turns form input into typed answers, leaving out blanks and unknown keys', () => {
    const answers = schema.parse({
      make: '  Toyota ',
      notes: '',
      days: '3,5',
      offensive: 'no',
      'seen-on': '2025-03-09',
      surface: 'wood',
      materials: 'metal',
      hazards: ['metal', 'brick'],
      injected: 'x',
    });
    expect(answers).toEqual({
      make: 'Toyota',
      days: 3.5,
      offensive: false,
      'seen-on': '2025-03-09',
      surface: 'wood',
      materials: ['metal'],
      hazards: ['brick', 'metal'],
    });
  });

  it('accepts Open311-style values (true/false, numbers)', () => {
    expect(schema.parse({ make: 'VW', days: 2, offensive: 'true', surface: 'brick', hazards: 'wood' })).toEqual({
      make: 'VW',
      days: 2,
      offensive: true,
      surface: 'brick',
      hazards: ['wood'],
    });
  });

  it('reports each missing or wrong answer at its key with an i18n message', () => {
    const result = schema.safeParse({
      make: ' ',
      days: 'three',
      offensive: 'maybe',
      'seen-on': '2025-02-30',
      surface: 'glass',
      materials: ['wood', 'plastic'],
      hazards: [],
    });
    expect(result.success).toBe(false);
    const errors = Object.fromEntries(result.error!.issues.map((i) => [i.path.join('.'), i.message]));
    expect(errors).toEqual({
      make: 'forms:required',
      days: 'forms:number',
      offensive: 'forms:choose',
      'seen-on': 'forms:date',
      surface: 'forms:choose',
      'materials.1': 'forms:choose',
      hazards: 'forms:choose',
    });
    const missing = schema.safeParse({});
    expect(Object.fromEntries(missing.error!.issues.map((i) => [i.path.join('.'), i.message]))).toEqual({
      make: 'forms:required',
      days: 'forms:required',
      offensive: 'forms:choose',
      surface: 'forms:choose',
      hazards: 'forms:choose',
    });
  });

  it('follows the version it was built from: a newer version does not change an older validator', () => {
    const v1 = FieldSetSchema.parse([choice('surface', 'singleChoice', true, 1)]);
    const v2 = FieldSetSchema.parse([
      {
        ...choice('surface', 'singleChoice', true, 1),
        options: [
          { value: 'glass', label: L('Glass') },
          { value: 'stone', label: L('Stone') },
        ],
      },
    ]);
    expect(answersSchema(v1).safeParse({ surface: 'wood' }).success).toBe(true);
    expect(answersSchema(v2).safeParse({ surface: 'wood' }).success).toBe(false);
    expect(answersSchema([]).parse({ anything: 'x' })).toEqual({});
  });

  it('refuses numbers out of range and text over its length', () => {
    expect(schema.safeParse({ make: 'x'.repeat(201), days: '1', offensive: 'yes', surface: 'wood', hazards: 'wood' }).success).toBe(false);
    expect(schema.safeParse({ make: 'x', days: '99999999999', offensive: 'yes', surface: 'wood', hazards: 'wood' }).success).toBe(false);
  });
});

describe('the demo catalog', () => {
  it('has about twenty types with unique codes, valid fields and texts in both languages', () => {
    expect(SEED_REQUEST_TYPES.length).toBeGreaterThanOrEqual(20);
    expect(new Set(SEED_REQUEST_TYPES.map((t) => t.code)).size).toBe(SEED_REQUEST_TYPES.length);
    for (const type of SEED_REQUEST_TYPES) {
      expect(requestCode().parse(type.code)).toBe(type.code);
      expect(FieldSetSchema.safeParse(seedFields(type)).success, type.code).toBe(true);
      for (const text of [type.name, type.description, type.resolution]) {
        expect(text.en.trim(), type.code).not.toBe('');
        expect(text.es.trim(), type.code).not.toBe('');
      }
      // Really translated, not copied.
      expect(type.description.es).not.toBe(type.description.en);
      expect(type.resolution.es).not.toBe(type.resolution.en);
      expect(type.targetHours).toBeGreaterThan(0);
    }
    expect(new Set(SEED_REQUEST_TYPES.map((t) => t.department)).size).toBe(5);
  });
});
