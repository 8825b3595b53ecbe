import { parseWithZod } from '@conform-to/zod';
import { describe, expect, it } from 'vitest';
import {
  QuestionFormSchema,
  QuestionsPageActionSchema,
  SurveyPageActionSchema,
  questionFormValues,
} from '~/modules/surveys/building-schemas';
import { localDateTimeIn, wallTimeOf } from '~/lib/time';

/** The builder's form schemas: each kind's fields, conditions, and localized messages tied to fields. */
function form(fields: Record<string, string | string[]>) {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) data.append(k, one);
  return data;
}
const base = { updatedAt: '2026-12-06T07:00:00.000Z', section: '1', 'label.en': 'Question?', 'label.es': '¿Pregunta?' };
const choice = (n: number, value: string) => ({
  [`options[${n}].value`]: value,
  [`options[${n}].label.en`]: value,
  [`options[${n}].label.es`]: `${value} (es)`,
});
const question = (fields: Record<string, string>) => parseWithZod(form({ ...base, ...fields }), { schema: QuestionFormSchema });
const errorsOf = (submission: ReturnType<typeof question>): Record<string, string[] | null> =>
  (submission.status === 'error' ? submission.error : null) ?? {};

describe('the question editor', () => {
  it('builds a single choice from the filled rows, blank spare rows ignored, values lowercased', () => {
    const s = question({
      key: 'Color',
      kind: 'singleChoice',
      required: 'on',
      ...choice(0, 'Green'),
      ...choice(1, 'blue'),
      'options[2].value': '',
    });
    expect(s.status).toBe('success');
    if (s.status !== 'success') return;
    expect(s.value.question).toMatchObject({ key: 'color', kind: 'singleChoice', required: true, section: 1 });
    expect(s.value.question.options?.map((o) => o.value)).toEqual(['green', 'blue']);
    expect(s.value.question.scale).toBeUndefined();
  });

  it('asks for two choices, a value and every language of a half-filled row', () => {
    expect(errorsOf(question({ key: 'c', kind: 'ranking', ...choice(0, 'a') })).options).toEqual(['surveys:errors.optionsNeeded']);
    const half = errorsOf(question({ key: 'c', kind: 'singleChoice', ...choice(0, 'a'), 'options[1].label.en': 'B' }));
    expect(half['options[1].value']).toEqual(['forms:required']);
    expect(half['options[1].label.es']).toEqual(['forms:required']);
  });

  it('checks multiple choice limits against the choices', () => {
    const tooMany = errorsOf(question({ key: 'm', kind: 'multipleChoice', ...choice(0, 'a'), ...choice(1, 'b'), maxChoices: '3' }));
    expect(tooMany.maxChoices).toEqual(['forms:tooBig|{"max":2}']);
    const crossed = errorsOf(
      question({ key: 'm', kind: 'multipleChoice', ...choice(0, 'a'), ...choice(1, 'b'), minChoices: '2', maxChoices: '1' }),
    );
    expect(crossed.minChoices).toEqual(['forms:tooBig|{"max":1}']);
  });

  it('builds a rating scale with end labels, and a matrix needs rows', () => {
    const s = question({
      key: 'r',
      kind: 'rating',
      'scale.min': '0',
      'scale.max': '10',
      'scale.minLabel.en': 'Never',
      'scale.minLabel.es': 'Nunca',
    });
    expect(s.status === 'success' && s.value.question.scale).toEqual({ min: 0, max: 10, minLabel: { en: 'Never', es: 'Nunca' } });
    expect(errorsOf(question({ key: 'x', kind: 'matrix', 'scale.min': '1', 'scale.max': '5' })).rows).toEqual([
      'surveys:errors.rowsNeeded',
    ]);
    const matrix = question({
      key: 'x',
      kind: 'matrix',
      'scale.min': '1',
      'scale.max': '5',
      'rows[0].value': 'parks',
      'rows[0].label.en': 'Parks',
      'rows[0].label.es': 'Parques',
    });
    expect(matrix.status === 'success' && matrix.value.question.rows).toEqual([{ value: 'parks', label: { en: 'Parks', es: 'Parques' } }]);
    expect(errorsOf(question({ key: 'r', kind: 'rating', 'scale.max': '11' }))['scale.max']).toEqual(['forms:tooBig|{"max":10}']);
  });

  it('keeps a number range in order, and drops fields the kind does not use', () => {
    expect(errorsOf(question({ key: 'n', kind: 'number', min: '10', max: '5' })).min).toEqual(['forms:tooBig|{"max":5}']);
    const s = question({ key: 't', kind: 'text', min: '1', max: '5', ...choice(0, 'a') });
    expect(s.status === 'success' && s.value.question).toEqual({
      key: 't',
      kind: 'text',
      section: 1,
      required: false,
      label: { en: 'Question?', es: '¿Pregunta?' },
    });
  });

  it('wants the question and help text in every language (help text: all or none)', () => {
    expect(errorsOf(question({ key: 'q', kind: 'yesNo', 'label.es': '' }))['label.es']).toEqual(['forms:required']);
    expect(errorsOf(question({ key: 'q', kind: 'yesNo', 'hint.en': 'Only English' }))['hint.es']).toEqual([
      'surveys:builder.errors.everyLanguage',
    ]);
    expect(errorsOf(question({ key: 'Not a key!', kind: 'yesNo' })).key).toEqual(['surveys:errors.key']);
  });

  it('takes a condition in full or not at all, never on the question itself', () => {
    const s = question({ key: 'q2', kind: 'yesNo', 'condition.question': 'q1', 'condition.op': 'eq', 'condition.value': 'yes' });
    expect(s.status === 'success' && s.value.question.condition).toEqual({ question: 'q1', op: 'eq', value: 'yes' });
    expect(errorsOf(question({ key: 'q2', kind: 'yesNo', 'condition.question': 'q1' }))['condition.value']).toEqual(['forms:required']);
    expect(
      errorsOf(question({ key: 'q2', kind: 'yesNo', 'condition.question': 'q2', 'condition.op': 'eq', 'condition.value': 'yes' }))[
        'condition.question'
      ],
    ).toEqual(['surveys:errors.conditionEarlier']);
    expect(
      errorsOf(question({ key: 'q2', kind: 'yesNo', 'condition.question': 'q1', 'condition.op': 'like', 'condition.value': 'x' }))[
        'condition.op'
      ],
    ).toEqual(['forms:choose']);
  });

  it('gives a stored question back as the editor values, with spare rows', () => {
    const values = questionFormValues({
      key: 'c',
      kind: 'singleChoice',
      section: 2,
      required: true,
      label: { en: 'C' },
      options: [{ value: 'a', label: { en: 'A' } }],
    });
    expect(values).toMatchObject({ key: 'c', section: '2', required: 'on' });
    expect((values.options as unknown[]).length).toBe(4);
  });
});

describe('the survey page and questions page forms', () => {
  const settings = { intent: 'save', updatedAt: 'x', 'title.en': 'T', 'title.es': 'T', audience: 'public' };
  const page = (fields: Record<string, string | string[]>) => parseWithZod(form(fields), { schema: SurveyPageActionSchema });

  it('asks for the neighborhoods or the channel of such an audience, and a close after the opening', () => {
    const e = page({ ...settings, audience: 'neighborhoods', opensAt: '2027-01-02T10:00', closesAt: '2027-01-01T10:00' });
    expect(e.status === 'error' && e.error).toMatchObject({
      audienceNeighborhoods: ['surveys:builder.errors.neighborhoodsNeeded'],
      closesAt: ['surveys:builder.errors.closesBeforeOpens'],
    });
    const c = page({ ...settings, audience: 'channel' });
    expect(c.status === 'error' && c.error?.audienceChannelId).toEqual(['forms:choose']);
    const ok = page({ ...settings, audience: 'neighborhoods', audienceNeighborhoods: ['n1', 'n2'], anonymous: 'on' });
    expect(ok.status === 'success' && ok.value).toMatchObject({ audienceNeighborhoods: ['n1', 'n2'], anonymous: true });
    expect(page({ ...settings, opensAt: 'tomorrow' }).status).toBe('error');
    expect(page({ intent: 'publish' }).status).toBe('success');
  });

  it('reads section and question buttons', () => {
    const parse = (fields: Record<string, string>) => parseWithZod(form(fields), { schema: QuestionsPageActionSchema });
    expect(parse({ intent: 'sectionUp', updatedAt: 'x', section: '2' }).status).toBe('success');
    expect(parse({ intent: 'removeSection', updatedAt: 'x', section: '0' }).status).toBe('error');
    expect(parse({ intent: 'questionDown', updatedAt: 'x', key: 'q1' }).status).toBe('success');
  });
});

describe('local times in the city', () => {
  it('reads a datetime-local value in the city time zone and writes it back', () => {
    const instant = localDateTimeIn('2027-07-04T09:30', 'America/Los_Angeles');
    expect(instant?.toISOString()).toBe('2027-07-04T16:30:00.000Z');
    expect(wallTimeOf(instant!, 'America/Los_Angeles')).toBe('2027-07-04T09:30');
    expect(localDateTimeIn('2027-02-30T09:30', 'UTC')).toBeNull();
  });
});
