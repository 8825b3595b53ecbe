/**
 * The demo city's residents and the text bank their conversations are made of (prisma/seed-community.ts):
 * everyday neighborhood topics in English and Spanish, each with replies in both languages. `{street}`,
 * `{place}` and `{school}` take the neighborhood's own (LOCAL), so every channel reads as its own.
 */

type Bilingual = { en: string; es: string };

export type Resident = { first: string; last: string; locale: 'en' | 'es' };

/** Ten residents per neighborhood, as `first last/language` (seeded in this order). */
const PEOPLE: Record<string, string> = {
  riverside:
    'Maribel Cruz/es, Owen Fletcher/en, Teresa Amaya/es, Kwame Mensah/en, Julia Novak/en, Ramón Ibarra/es, Sofía Lozano/es, Ben Hartley/en, Mei Chen/en, Alfonso Duarte/es',
  'las-flores':
    'Guadalupe Rojas/es, Nadia Haddad/en, Esteban Morales/es, Claire Dubois/en, Héctor Villalobos/es, Aisha Bello/en, Rocío Campos/es, Patrick Doyle/en, Inés Quintero/es, Tomás Aguilar/es',
  'old-town':
    'Margaret Lin/en, Félix Navarro/es, Yusuf Demir/en, Carmen Solís/es, Diego Paredes/es, Eleanor Walsh/en, Hiroshi Tanaka/en, Beatriz Fuentes/es, Samira Khalil/en, Joaquín Benítez/es',
  northgate:
    'Linda Park/en, Arturo Cisneros/es, Fatima Siddiqui/en, Gabriel Ochoa/es, Rachel Goldberg/en, Lorena Espinoza/es, Marcus Reed/en, Valentina Ríos/es, Ivan Petrov/en, Natalia Guzmán/es',
};

export const RESIDENTS: Record<string, Resident[]> = Object.fromEntries(
  Object.entries(PEOPLE).map(([hood, list]) => [
    hood,
    list.split(', ').map((entry) => {
      const [name, locale] = entry.split('/') as [string, Resident['locale']];
      const [first, last] = name.split(' ') as [string, string];
      return { first, last, locale };
    }),
  ]),
);

/** Each neighborhood's streets and landmarks, for the topics' placeholders. */
export const LOCAL: Record<string, { streets: string[]; place: Bilingual; school: Bilingual }> = {
  riverside: {
    streets: ['River Rd', 'Mill St', 'Willow Ave', 'Bridge St'],
    place: { en: 'the footbridge', es: 'el puente peatonal' },
    school: { en: 'Riverside Elementary', es: 'la escuela primaria de La Ribera' },
  },
  'las-flores': {
    streets: ['Calle Rosa', 'Calle Jazmín', 'Orchard Ave', '5th St'],
    place: { en: 'Flores Park', es: 'el parque Las Flores' },
    school: { en: 'Las Flores Middle School', es: 'la secundaria Las Flores' },
  },
  'old-town': {
    streets: ['Main St', 'Plaza Way', 'Church St', '3rd St'],
    place: { en: 'the plaza', es: 'la plaza' },
    school: { en: 'the library', es: 'la biblioteca' },
  },
  northgate: {
    streets: ['Summit Dr', 'Vista Ln', 'Oak Ridge Rd', 'Northgate Blvd'],
    place: { en: 'the community center', es: 'el centro comunitario' },
    school: { en: 'Northgate High', es: 'la preparatoria Northgate' },
  },
};

export type Topic = { title: Bilingual; opening: Bilingual; replies: { en: string[]; es: string[] } };

export const TOPICS: Topic[] = [
  {
    title: { en: 'Lost cat near {street}', es: 'Gato perdido cerca de {street}' },
    opening: {
      en: 'Our grey tabby, Pepper, slipped out on Tuesday evening near {street}. She is shy and has a green collar. Please check your garages and sheds!',
      es: 'Nuestra gata gris, Canela, se escapó el martes por la tarde cerca de {street}. Es tímida y lleva un collar verde. ¡Revisen sus garajes y cobertizos, por favor!',
    },
    replies: {
      en: [
        'I think I saw a grey cat under a car on the corner this morning. Will look again tonight.',
        'Shared it in the parents group at {school}. Fingers crossed.',
        'Put a worn T-shirt of yours by the door: cats follow the smell home.',
        'Any news? I checked our shed, nothing yet.',
      ],
      es: [
        'Creo que vi una gata gris debajo de un coche en la esquina esta mañana. Vuelvo a mirar esta noche.',
        'Lo compartí en el grupo de padres de {school}. Ojalá aparezca.',
        'Pongan una camiseta usada junto a la puerta: los gatos siguen el olor a casa.',
        '¿Alguna novedad? Revisé nuestro cobertizo y nada todavía.',
      ],
    },
  },
  {
    title: { en: 'Garage sale on {street} this Saturday', es: 'Venta de garaje en {street} este sábado' },
    opening: {
      en: 'Four houses on {street} are doing a joint garage sale on Saturday from 8 to 1: kids’ clothes, tools, books and a very good sofa.',
      es: 'Cuatro casas de {street} hacemos una venta de garaje conjunta el sábado de 8 a 1: ropa de niños, herramientas, libros y un sofá muy bueno.',
    },
    replies: {
      en: [
        'Is the sofa still available? I can pick it up with a truck.',
        'We might join with a box of board games if there is room.',
        'What a good idea. Whatever is left could go to the thrift store by {place}.',
      ],
      es: [
        '¿Todavía está el sofá? Puedo recogerlo con una camioneta.',
        'Quizá nos sumemos con una caja de juegos de mesa si hay sitio.',
        'Qué buena idea. Lo que sobre se puede donar a la tienda de segunda mano junto a {place}.',
      ],
    },
  },
  {
    title: { en: 'Recommendations for a plumber?', es: '¿Recomiendan a algún fontanero?' },
    opening: {
      en: 'Our water heater is leaking and the first company quoted a fortune. Has anyone had a good, honest plumber come out to {street}?',
      es: 'Nuestro calentador de agua gotea y la primera empresa nos pidió una fortuna. ¿Alguien conoce a un fontanero bueno y honrado que venga a {street}?',
    },
    replies: {
      en: [
        'We used Reyes & Sons last spring. Fair price, and they showed up on time.',
        'Ask for the quote in writing, and check the licence on the state website.',
        'My brother-in-law does this on weekends. I can send you his number.',
      ],
      es: [
        'Nosotros llamamos a Reyes e Hijos la primavera pasada. Buen precio y llegaron puntuales.',
        'Pidan el presupuesto por escrito y comprueben la licencia en la página del estado.',
        'Mi cuñado hace estos trabajos los fines de semana. Le paso su número por mensaje.',
      ],
    },
  },
  {
    title: { en: 'Potluck at {place} next month', es: 'Comida compartida en {place} el mes que viene' },
    opening: {
      en: 'Let’s do a neighborhood potluck at {place} on the first Sunday of next month, from noon. Bring a dish and a chair; we will sort out the tables.',
      es: 'Hagamos una comida compartida del barrio en {place} el primer domingo del mes que viene, desde el mediodía. Traigan un plato y una silla; las mesas las conseguimos.',
    },
    replies: {
      en: [
        'Count us in! I will bring my grandmother’s tamales.',
        'I can lend two folding tables and a canopy.',
        'Could we put up a sign-up sheet so we do not end up with ten potato salads?',
        'Should we ask the city whether we need a permit for the park?',
      ],
      es: [
        '¡Cuenten con nosotros! Llevo los tamales de mi abuela.',
        'Puedo prestar dos mesas plegables y un toldo.',
        '¿Hacemos una lista para no acabar con diez ensaladas de papa?',
        '¿Preguntamos a la ciudad si hace falta un permiso para el parque?',
      ],
    },
  },
  {
    title: { en: 'Branch down on {street} after the wind', es: 'Rama caída en {street} tras el viento' },
    opening: {
      en: 'A big branch came down across the sidewalk on {street} last night. Nobody was hurt, but strollers have to go into the street to get past.',
      es: 'Anoche cayó una rama grande sobre la acera de {street}. Nadie se hizo daño, pero con los cochecitos hay que bajar a la calle para pasar.',
    },
    replies: {
      en: [
        'I filed a service request for it this morning with a photo.',
        'Careful, there is still a cracked one hanging above it.',
        'The crew came by at lunch and cleared it. Quick work!',
      ],
      es: [
        'Esta mañana presenté una solicitud de servicio con una foto.',
        'Cuidado, todavía queda otra rama rajada colgando encima.',
        'La cuadrilla vino al mediodía y la quitó. ¡Qué rapidez!',
      ],
    },
  },
  {
    title: { en: 'Who else lost power last night?', es: '¿Quién más se quedó sin luz anoche?' },
    opening: {
      en: 'Our block of {street} was dark from about 9 pm until 2 am. Was it the whole neighborhood or just us?',
      es: 'Nuestra cuadra de {street} se quedó a oscuras desde las 9 de la noche hasta las 2 de la madrugada. ¿Fue todo el barrio o solo nosotros?',
    },
    replies: {
      en: [
        'Same here, the whole street. The utility’s map said a transformer failed.',
        'We only lost it for ten minutes on the other side of {place}.',
        'Good reminder to check the flashlight batteries.',
      ],
      es: [
        'Aquí igual, toda la calle. El mapa de la compañía decía que falló un transformador.',
        'Al otro lado de {place} solo se fue diez minutos.',
        'Buen recordatorio para revisar las pilas de la linterna.',
      ],
    },
  },
  {
    title: { en: 'Free tomatoes and zucchini', es: 'Tomates y calabacitas gratis' },
    opening: {
      en: 'The garden went wild this year. There is a box of tomatoes and zucchini on my porch on {street}: help yourselves, please!',
      es: 'Este año el huerto se desbordó. Hay una caja de tomates y calabacitas en mi porche de {street}: ¡sírvanse, por favor!',
    },
    replies: {
      en: [
        'Thank you! The tomatoes made a lovely salsa.',
        'Took two zucchini, left you some lemons from our tree.',
        'You are the best neighbor.',
      ],
      es: [
        '¡Gracias! Con los tomates hicimos una salsa riquísima.',
        'Me llevé dos calabacitas y le dejé unos limones de nuestro árbol.',
        'Es usted la mejor vecina del barrio.',
      ],
    },
  },
  {
    title: { en: 'Bike stolen from a porch on {street}', es: 'Robaron una bicicleta de un porche en {street}' },
    opening: {
      en: 'Someone took my son’s blue bike from our porch on {street} between 6 and 7 this morning. If you have a doorbell camera facing the street, could you check?',
      es: 'Alguien se llevó la bicicleta azul de mi hijo de nuestro porche en {street} entre las 6 y las 7 de la mañana. Si tienen una cámara que dé a la calle, ¿podrían revisarla?',
    },
    replies: {
      en: [
        'So sorry. I will check our camera tonight and message you.',
        'Report it to the police non-emergency line too, so it is on record.',
        'Worth bringing up at the next block-watch meeting.',
      ],
      es: [
        'Cuánto lo siento. Esta noche reviso nuestra cámara y le escribo.',
        'Denúncielo también en la línea de policía que no es de emergencias, para que conste.',
        'Vale la pena comentarlo en la próxima reunión de vigilancia vecinal.',
      ],
    },
  },
  {
    title: { en: 'Carpool to {school}?', es: '¿Compartimos coche para ir a {school}?' },
    opening: {
      en: 'Anyone on {street} interested in a morning carpool to {school}? We leave at 7:40 and have room for two kids.',
      es: '¿Alguien de {street} quiere compartir coche por las mañanas para ir a {school}? Salimos a las 7:40 y tenemos sitio para dos niños.',
    },
    replies: {
      en: ['Yes please, Mondays and Wednesdays would help us a lot.', 'We could take the afternoons in return.'],
      es: ['¡Sí, por favor! Los lunes y miércoles nos vendría muy bien.', 'A cambio nosotros podemos encargarnos de las tardes.'],
    },
  },
  {
    title: { en: 'The new bakery on {street}', es: 'La panadería nueva de {street}' },
    opening: {
      en: 'Has anyone tried the new bakery on {street}? The conchas were still warm at 7 am.',
      es: '¿Alguien ha probado la panadería nueva de {street}? Las conchas estaban calientitas a las 7 de la mañana.',
    },
    replies: {
      en: [
        'The sourdough is excellent too. Go early on Saturdays!',
        'Nice to see the corner shop busy again.',
        'They take orders for birthday cakes.',
      ],
      es: [
        'El pan de masa madre también está buenísimo. ¡Los sábados hay que ir temprano!',
        'Da gusto ver ese local de la esquina otra vez con vida.',
        'Aceptan encargos de pasteles de cumpleaños.',
      ],
    },
  },
  {
    title: { en: 'Book swap box by {place}', es: 'Caja de intercambio de libros junto a {place}' },
    opening: {
      en: 'I built a little book-swap box and would like to put it by {place}. Take a book, leave a book. Any objections or ideas?',
      es: 'Construí una cajita para intercambiar libros y me gustaría ponerla junto a {place}. Toma un libro, deja un libro. ¿Alguna objeción o idea?',
    },
    replies: {
      en: [
        'Love it. Could one shelf be for children’s books?',
        'Please add some books in Spanish, my parents would use it.',
        'I have two boxes of paperbacks to start it off.',
      ],
      es: [
        'Me encanta. ¿Podría haber un estante para libros infantiles?',
        'Pongan libros en español también, mis padres la usarían.',
        'Tengo dos cajas de novelas de bolsillo para empezar.',
      ],
    },
  },
  {
    title: { en: 'Cars speeding on {street} at night', es: 'Coches a toda velocidad por {street} de noche' },
    opening: {
      en: 'Late at night cars race down {street}. Could we ask the city for a speed hump or at least a sign?',
      es: 'Por las noches pasan coches a toda velocidad por {street}. ¿Podríamos pedir a la ciudad un reductor de velocidad o al menos una señal?',
    },
    replies: {
      en: [
        'Agreed. A petition with signatures from the block helps, I was told.',
        'The traffic survey last year counted cars only during the day.',
        'Maybe propose it in the participatory budget?',
      ],
      es: [
        'De acuerdo. Me dijeron que ayuda una petición firmada por la cuadra.',
        'El conteo de tráfico del año pasado solo midió de día.',
        '¿Y si lo proponemos en el presupuesto participativo?',
      ],
    },
  },
];

/** Short replies that suit any topic, when a thread runs past its own. */
export const GENERIC_REPLIES = {
  en: [
    'Thanks for posting this.',
    'Good to know, thank you!',
    'Same on our side of {street}.',
    'I will pass it on to my neighbors who are not online.',
    'Let us know how it goes.',
  ],
  es: [
    'Gracias por avisar.',
    '¡Muy útil, gracias!',
    'Lo mismo de nuestro lado de {street}.',
    'Se lo cuento a mis vecinos que no usan internet.',
    'Avísenos cómo sigue.',
  ],
};
