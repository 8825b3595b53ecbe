import type { Answers } from './answers';
import { TEXT_KINDS, type Question } from './questions';

/**
 * How one answer set adds to the results (`SurveyTally`): each row is +1 on (question, bucket)
 * for the respondent's neighborhood and language. Results read these counts instead of the answer
 * sets, so a survey with 100,000 answers shows its results from a few hundred rows.
 *   - questionKey '' bucket '': one answer set;
 *   - bucket '' of a question: it was answered (the base of its percentages);
 *   - singleChoice, multipleChoice: each chosen option's value; yesNo: 'yes' | 'no';
 *   - rating, number: the value ("4", "2.5"); date: the date;
 *   - matrix: `<row>=<value>`; ranking: `<option>@<place>` (1 = first);
 *   - text, longText: only bucket '' (the texts are SurveyTextAnswer rows).
 */
export type TallyBucket = { questionKey: string; bucket: string };

/** What tallying needs of a question (a request follow-up's field set has it too). */
export type TalliedQuestion = Pick<Question, 'key' | 'kind'>;

export const RESPONSES: TallyBucket = { questionKey: '', bucket: '' };
export const ANSWERED = '';

export function tallyBuckets(questions: readonly TalliedQuestion[], answers: Answers): TallyBucket[] {
  const buckets: TallyBucket[] = [RESPONSES];
  for (const q of questions) {
    const value = answers[q.key];
    if (value === undefined) continue;
    const add = (bucket: string) => buckets.push({ questionKey: q.key, bucket });
    add(ANSWERED);
    if (TEXT_KINDS.includes(q.kind)) continue;
    if (q.kind === 'ranking' && Array.isArray(value)) value.forEach((option, i) => add(`${option}@${i + 1}`));
    else if (Array.isArray(value)) value.forEach(add);
    else if (typeof value === 'boolean') add(value ? 'yes' : 'no');
    else if (typeof value === 'object') for (const [row, n] of Object.entries(value)) add(`${row}=${n}`);
    else add(String(value));
  }
  return buckets;
}

/** The free-text answers of an answer set, for SurveyTextAnswer rows. */
export function textAnswers(questions: readonly TalliedQuestion[], answers: Answers): { questionKey: string; text: string }[] {
  return questions
    .filter((q) => TEXT_KINDS.includes(q.kind) && typeof answers[q.key] === 'string')
    .map((q) => ({ questionKey: q.key, text: answers[q.key] as string }));
}
