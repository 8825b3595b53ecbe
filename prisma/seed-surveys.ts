import type { Tx } from '~/lib/db.server';
import { dateIn } from '~/lib/time';
import { addTallies, insertResponses, type AnswerSet } from '~/modules/surveys/answer-sets.server';
import type { Answers } from '~/modules/surveys/answers';
import { parseQuestions } from '~/modules/surveys/questions';

/**
 * The demo city's two surveys, with answers written as the answering engine writes them (answer
 * sets, free-text answers, tallies): an anonymous parks survey (open, results published, its
 * answers in batches of five) and a library survey that is not anonymous. Their respondents are
 * visitors, so no demo account has answered either: the demo residents can still try them.
 */
const L = (en: string, es: string) => ({ en, es });
const opt = (value: string, en: string, es: string) => ({ value, label: L(en, es) });
const DAY = 24 * 3600 * 1000;

const PARKS = parseQuestions([
  {
    key: 'visit',
    kind: 'singleChoice',
    section: 1,
    order: 1,
    required: true,
    label: L('How often do you visit a city park?', '¿Con qué frecuencia visita un parque de la ciudad?'),
    options: [opt('weekly', 'Every week', 'Cada semana'), opt('monthly', 'Every month', 'Cada mes'), opt('rarely', 'Rarely', 'Rara vez')],
  },
  {
    key: 'clean',
    kind: 'rating',
    section: 1,
    order: 2,
    required: true,
    label: L('How clean are the parks?', '¿Qué tan limpios están los parques?'),
    scale: { min: 1, max: 5, minLabel: L('Very dirty', 'Muy sucios'), maxLabel: L('Spotless', 'Impecables') },
  },
  {
    key: 'safe',
    kind: 'yesNo',
    section: 1,
    order: 3,
    required: true,
    label: L('Do you feel safe in the parks after dark?', '¿Se siente seguro en los parques de noche?'),
  },
  {
    key: 'why-unsafe',
    kind: 'longText',
    section: 1,
    order: 4,
    required: false,
    label: L('What would make you feel safer?', '¿Qué le haría sentirse más seguro?'),
    condition: { question: 'safe', op: 'eq', value: 'no' },
  },
  {
    key: 'improve',
    kind: 'multipleChoice',
    section: 2,
    order: 1,
    required: true,
    label: L('What should the city improve first?', '¿Qué debería mejorar primero la ciudad?'),
    options: [
      opt('lights', 'Lighting', 'Iluminación'),
      opt('toilets', 'Restrooms', 'Baños'),
      opt('shade', 'Shade trees', 'Árboles de sombra'),
      opt('play', 'Playgrounds', 'Juegos infantiles'),
    ],
    maxChoices: 2,
  },
  {
    key: 'rank',
    kind: 'ranking',
    section: 2,
    order: 2,
    required: false,
    label: L('Rank these park projects', 'Ordene estos proyectos'),
    options: [
      opt('pool', 'A public pool', 'Una piscina pública'),
      opt('trail', 'A walking trail', 'Un sendero'),
      opt('garden', 'A community garden', 'Un huerto comunitario'),
    ],
  },
  {
    key: 'rate',
    kind: 'matrix',
    section: 2,
    order: 3,
    required: false,
    label: L('Rate each park', 'Valore cada parque'),
    scale: { min: 1, max: 5 },
    rows: [opt('plaza', 'Plaza Park', 'Parque de la Plaza'), opt('river', 'Riverside Park', 'Parque Ribereño')],
  },
  { key: 'idea', kind: 'text', section: 2, order: 4, required: false, label: L('One idea for your park', 'Una idea para su parque') },
]);

const LIBRARY = parseQuestions([
  {
    key: 'card',
    kind: 'yesNo',
    section: 1,
    order: 1,
    required: true,
    label: L('Do you have a library card?', '¿Tiene tarjeta de la biblioteca?'),
  },
  {
    key: 'hours',
    kind: 'singleChoice',
    section: 1,
    order: 2,
    required: true,
    label: L('Which extra opening hours would you use most?', '¿Qué horario adicional usaría más?'),
    options: [
      opt('early', 'Mornings before 9', 'Mañanas antes de las 9'),
      opt('late', 'Evenings until 9', 'Tardes hasta las 9'),
      opt('sunday', 'Sundays', 'Domingos'),
    ],
  },
  {
    key: 'visits',
    kind: 'number',
    section: 1,
    order: 3,
    required: false,
    label: L('Visits in the last month', 'Visitas en el último mes'),
    min: 0,
    max: 60,
  },
]);

const IDEAS = [
  ['More benches near the playground', 'Más bancas junto a los juegos'],
  ['Water fountains that work', 'Fuentes de agua que funcionen'],
  ['A dog run', 'Un área para perros'],
  ['Night lights on the river path', 'Luces en el camino del río'],
];

/** A small deterministic generator, so the demo's figures are the same on every start. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function parksAnswers(r: () => number, es: boolean): Answers {
  const pick = <T>(list: readonly T[]) => list[Math.floor(r() * list.length)];
  const safe = r() < 0.6;
  const answers: Answers = {
    visit: pick(['weekly', 'weekly', 'monthly', 'rarely']),
    clean: 1 + Math.min(4, Math.floor(r() * 3 + r() * 3)),
    safe,
    improve: [...new Set([pick(['lights', 'shade', 'toilets']), pick(['play', 'lights', 'shade'])])].sort(),
    rank: r() < 0.5 ? ['garden', 'trail', 'pool'] : ['trail', 'pool', 'garden'],
    rate: { plaza: 2 + Math.floor(r() * 4), river: 1 + Math.floor(r() * 5) },
  };
  if (!safe && r() < 0.5) answers['why-unsafe'] = es ? 'Más luz y patrullas por la noche.' : 'More lights and evening patrols.';
  if (r() < 0.3) answers.idea = pick(IDEAS)[es ? 1 : 0];
  return answers;
}

function libraryAnswers(r: () => number): Answers {
  return { card: r() < 0.7, hours: ['early', 'late', 'late', 'sunday'][Math.floor(r() * 4)], visits: Math.floor(r() * 8) };
}

export async function seedSurveys(tx: Tx, ctx: { now: number; createdById: string; neighborhoods: string[]; timeZone: string }) {
  const r = random(2027);
  const sets = (count: number, answersOf: (es: boolean) => Answers): AnswerSet[] =>
    Array.from({ length: count }, (_, i) => {
      const es = r() < 0.35;
      return {
        answers: answersOf(es),
        language: es ? 'es' : 'en',
        neighborhoodId: ctx.neighborhoods[Math.floor(r() * ctx.neighborhoods.length)] ?? null,
        day: dateIn(new Date(ctx.now - ((i * 17) % 20) * DAY), ctx.timeZone),
      };
    });

  const parks = await tx.survey.create({
    data: {
      title: L('Parks and public spaces 2027', 'Parques y espacios públicos 2027'),
      intro: L(
        'Tell us how you use the city parks and what to improve first. Eight questions, about five minutes.',
        'Cuéntenos cómo usa los parques de la ciudad y qué mejorar primero. Ocho preguntas, unos cinco minutos.',
      ),
      thanks: L(
        'Thank you! The results are published as answers arrive.',
        '¡Gracias! Los resultados se publican a medida que llegan las respuestas.',
      ),
      sections: [{ title: L('Your visits', 'Sus visitas') }, { title: L('Priorities', 'Prioridades') }],
      questions: PARKS as never,
      anonymous: true,
      audience: 'public',
      opensAt: new Date(ctx.now - 21 * DAY),
      closesAt: new Date(ctx.now + 30 * DAY),
      status: 'published',
      resultsPublic: true,
      createdById: ctx.createdById,
    },
  });
  const parkSets = sets(240, (es) => parksAnswers(r, es));
  // Anonymous answers are written in shuffled batches of five, as the mixing job writes them.
  for (let i = 0; i < parkSets.length; i += 5) {
    await insertResponses(
      tx,
      parks.id,
      PARKS,
      parkSets.slice(i, i + 5).map((set) => ({ ...set, batch: i / 5 + 1 })),
    );
  }
  await addTallies(tx, parks.id, PARKS, parkSets);
  await tx.survey.update({ where: { id: parks.id }, data: { responseCount: parkSets.length } });

  const library = await tx.survey.create({
    data: {
      title: L('Library opening hours', 'Horario de la biblioteca'),
      intro: L(
        'The library may open longer next year. When would you come?',
        'La biblioteca podría abrir más horas el año próximo. ¿Cuándo vendría?',
      ),
      thanks: L('Thank you for helping plan the library hours.', 'Gracias por ayudar a planificar el horario de la biblioteca.'),
      questions: LIBRARY as never,
      anonymous: false,
      audience: 'public',
      opensAt: new Date(ctx.now - 14 * DAY),
      closesAt: new Date(ctx.now + 14 * DAY),
      status: 'published',
      createdById: ctx.createdById,
    },
  });
  const librarySets = sets(160, () => libraryAnswers(r));
  await insertResponses(
    tx,
    library.id,
    LIBRARY,
    librarySets.map((set) => ({ ...set, submittedAt: new Date(`${set.day}T18:00:00Z`) })),
  );
  await addTallies(tx, library.id, LIBRARY, librarySets);
  await tx.survey.update({ where: { id: library.id }, data: { responseCount: librarySets.length } });
}
