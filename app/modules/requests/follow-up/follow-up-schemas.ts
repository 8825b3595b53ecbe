import { z } from 'zod';
import { answersSchema } from '~/modules/surveys/answers';
import type { FieldDefinition } from '../catalog/schemas';

/** The follow-up's form: its answers, posted as `a.<key>` (answerName), checked against the questions. */
export function followUpAnswersSchema(questions: readonly FieldDefinition[]) {
  return z.object({ a: z.preprocess((v) => v ?? {}, answersSchema(questions)) });
}
