import type { FieldDefinition, FieldKind, RequestGroup } from '~/modules/requests/catalog/schemas';
import type { RequestPriority, PublicVisibility } from '~/modules/requests/values';

/**
 * The demo city's service-request catalog: about twenty types across the five demo departments,
 * each with a few custom fields and an explicit definition of "resolved", in English and Spanish.
 * Plain data (no database access), so a unit test can check every type against the schemas.
 */
type Localized = { en: string; es: string };
const L = (en: string, es: string): Localized => ({ en, es });
const opt = (value: string, en: string, es: string) => ({ value, label: L(en, es) });

type FieldSpec = Omit<FieldDefinition, 'order'>;
function field(kind: FieldKind, key: string, label: Localized, extra: Partial<Omit<FieldSpec, 'kind' | 'key' | 'label'>> = {}): FieldSpec {
  return { key, kind, required: false, label, ...extra };
}

export type SeedRequestType = {
  code: string;
  /**
   * What the public sees of its requests (docs/decisions/0016-public-request-visibility.md):
   * full for public infrastructure (streets, lights, trees, water, signs, parks); summary for
   * problems on or near someone's property, vehicles and animals; none for complaints about
   * neighbors (noise, burning, lawn parking, building work), housing conditions, and the
   * catch-all "other", which may be about anything. Migration 0014 sets the same on existing
   * databases.
   */
  publicVisibility: PublicVisibility;
  department: 'public-works' | 'code-enforcement' | 'parks' | 'police-community' | 'sanitation';
  group: RequestGroup;
  name: Localized;
  /** Words people use for it (the picker's search, the promote page's guess), comma-separated. */
  keywords?: Localized;
  description: Localized;
  resolution: Localized;
  priority: RequestPriority;
  targetHours: number;
  locationRequired?: boolean;
  photosAllowed?: boolean;
  active?: boolean;
  fields: FieldSpec[];
};

const YES_NO_UNKNOWN = [opt('yes', 'Yes', 'Sí'), opt('no', 'No', 'No'), opt('unknown', "I don't know", 'No sé')];

export const SEED_REQUEST_TYPES: SeedRequestType[] = [
  {
    code: 'graffiti',
    publicVisibility: 'summary',
    department: 'public-works',
    group: 'property',
    name: L('Graffiti', 'Grafiti'),
    keywords: L('tagging, tags, spray paint, vandalism', 'pintadas, pintada, vandalismo, aerosol'),
    description: L(
      'Paint, marker or etching on walls, fences, signs, sidewalks or other surfaces.',
      'Pintura, marcador o rayones en paredes, cercas, letreros, aceras u otras superficies.',
    ),
    resolution: L(
      'Resolved when the graffiti is removed or painted over on public property, or the owner has been notified in writing to remove it within 10 days on private property.',
      'Resuelta cuando el grafiti se ha quitado o pintado en propiedad pública, o se ha notificado por escrito al propietario que debe quitarlo en 10 días si es propiedad privada.',
    ),
    priority: 'normal',
    targetHours: 72,
    fields: [
      field('singleChoice', 'surface', L('What is the graffiti on?', '¿Dónde está el grafiti?'), {
        required: true,
        options: [
          opt('wall', 'Building wall', 'Pared de un edificio'),
          opt('fence', 'Fence', 'Cerca'),
          opt('sign', 'Sign or pole', 'Letrero o poste'),
          opt('sidewalk', 'Sidewalk or street', 'Acera o calle'),
          opt('utility-box', 'Utility box', 'Caja de servicios'),
          opt('other', 'Other', 'Otro'),
        ],
      }),
      field('yesNo', 'offensive', L('Is it offensive or gang-related?', '¿Es ofensivo o relacionado con pandillas?'), {
        required: true,
        hint: L('Offensive graffiti is removed first.', 'El grafiti ofensivo se quita primero.'),
      }),
      field('singleChoice', 'size', L('About how large is it?', '¿Más o menos de qué tamaño es?'), {
        options: [
          opt('small', 'Smaller than a door', 'Más pequeño que una puerta'),
          opt('medium', 'About a garage door', 'Como una puerta de garaje'),
          opt('large', 'Larger', 'Más grande'),
        ],
      }),
    ],
  },
  {
    code: 'illegal-dumping',
    publicVisibility: 'summary',
    department: 'sanitation',
    group: 'trash',
    name: L('Illegal dumping', 'Vertido ilegal de basura'),
    keywords: L('dumped, dumping, mattress, furniture, debris, junk', 'basura tirada, colchón, muebles, escombros, tiradero'),
    description: L(
      'Furniture, mattresses, tires, debris or bags of trash left on streets, alleys or vacant lots.',
      'Muebles, colchones, llantas, escombros o bolsas de basura abandonados en calles, callejones o lotes baldíos.',
    ),
    resolution: L(
      'Resolved when the dumped material has been picked up and the site is clear.',
      'Resuelta cuando el material abandonado se ha recogido y el lugar está despejado.',
    ),
    priority: 'high',
    targetHours: 48,
    fields: [
      field('multipleChoice', 'materials', L('What was dumped?', '¿Qué se tiró?'), {
        required: true,
        options: [
          opt('furniture', 'Furniture', 'Muebles'),
          opt('mattress', 'Mattress', 'Colchón'),
          opt('appliance', 'Appliance', 'Electrodoméstico'),
          opt('tires', 'Tires', 'Llantas'),
          opt('construction', 'Construction debris', 'Escombros de construcción'),
          opt('household', 'Bags of household trash', 'Bolsas de basura doméstica'),
          opt('hazardous', 'Paint, oil or chemicals', 'Pintura, aceite o químicos'),
        ],
      }),
      field('singleChoice', 'amount', L('How much is there?', '¿Cuánto hay?'), {
        options: [
          opt('few', 'A few items', 'Unos pocos objetos'),
          opt('truck', 'About a pickup truck load', 'Como la carga de una camioneta'),
          opt('more', 'More than that', 'Más que eso'),
        ],
      }),
      field('yesNo', 'witnessed', L('Did you see who dumped it?', '¿Vio quién lo tiró?'), {
        hint: L(
          'Staff may contact you for details; your name is never shared.',
          'El personal puede contactarle para más detalles; su nombre nunca se comparte.',
        ),
      }),
    ],
  },
  {
    code: 'street-light-out',
    publicVisibility: 'full',
    department: 'public-works',
    group: 'streets',
    name: L('Street light out', 'Farola apagada'),
    keywords: L('streetlight, lamp post, dark street, light out', 'alumbrado, poste de luz, calle oscura, luz apagada'),
    description: L(
      'A street light that is out, flickering, on during the day or damaged.',
      'Una farola apagada, que parpadea, encendida de día o dañada.',
    ),
    resolution: L(
      'Resolved when the light works again at night, checked by the crew, or the utility company has accepted the repair order.',
      'Resuelta cuando la farola vuelve a funcionar de noche, comprobado por la cuadrilla, o la compañía eléctrica ha aceptado la orden de reparación.',
    ),
    priority: 'normal',
    targetHours: 120,
    photosAllowed: false,
    fields: [
      field('singleChoice', 'problem', L('What is wrong with the light?', '¿Qué le pasa a la farola?'), {
        required: true,
        options: [
          opt('out', 'It is out', 'Está apagada'),
          opt('flickering', 'It flickers', 'Parpadea'),
          opt('day', 'It stays on during the day', 'Se queda encendida de día'),
          opt('damaged', 'The pole is damaged', 'El poste está dañado'),
        ],
      }),
      field('text', 'pole-number', L('Pole number', 'Número del poste'), {
        hint: L('Usually on a small metal tag on the pole.', 'Suele estar en una placa metálica pequeña en el poste.'),
      }),
    ],
  },
  {
    code: 'pothole',
    publicVisibility: 'full',
    department: 'public-works',
    group: 'streets',
    name: L('Pothole', 'Bache'),
    keywords: L('hole in the road, road damage, broken asphalt', 'hoyo en la calle, asfalto roto, hueco'),
    description: L(
      'A hole or broken pavement in a street, alley or bike lane.',
      'Un hoyo o pavimento roto en una calle, callejón o carril de bicicletas.',
    ),
    resolution: L(
      'Resolved when the pothole has been filled (temporary or permanent patch).',
      'Resuelta cuando el bache se ha rellenado (parche temporal o permanente).',
    ),
    priority: 'normal',
    targetHours: 72,
    fields: [
      field('singleChoice', 'size', L('Approximate size', 'Tamaño aproximado'), {
        required: true,
        options: [
          opt('plate', 'Smaller than a dinner plate', 'Más pequeño que un plato'),
          opt('tire', 'About a car tire', 'Como una llanta de auto'),
          opt('larger', 'Larger than a tire', 'Más grande que una llanta'),
        ],
      }),
      field('singleChoice', 'position', L('Where in the road?', '¿En qué parte de la calle?'), {
        options: [
          opt('lane', 'Traffic lane', 'Carril de tráfico'),
          opt('bike-lane', 'Bike lane', 'Carril de bicicletas'),
          opt('crosswalk', 'Crosswalk', 'Paso de peatones'),
          opt('edge', 'Edge or gutter', 'Orilla o cuneta'),
        ],
      }),
      field('yesNo', 'vehicle-damage', L('Did it damage a vehicle?', '¿Dañó algún vehículo?')),
    ],
  },
  {
    code: 'tree-trimming',
    publicVisibility: 'full',
    department: 'parks',
    group: 'parks',
    name: L('Tree trimming', 'Poda de árboles'),
    keywords: L('branches, overhanging branch, fallen tree, tree limb', 'ramas, rama caída, árbol caído'),
    description: L(
      'City trees whose branches block sidewalks, signs or lights, or are dead or hanging.',
      'Árboles de la ciudad con ramas que tapan aceras, letreros o luces, o que están secas o colgando.',
    ),
    resolution: L(
      'Resolved when the tree has been trimmed, or inspected and scheduled for the next trimming cycle with the date given to the resident.',
      'Resuelta cuando el árbol se ha podado, o se ha inspeccionado y programado para el próximo ciclo de poda, informando la fecha al residente.',
    ),
    priority: 'low',
    targetHours: 336,
    fields: [
      field('multipleChoice', 'issues', L('What is the problem?', '¿Cuál es el problema?'), {
        required: true,
        options: [
          opt('sidewalk', 'Blocks the sidewalk', 'Tapa la acera'),
          opt('sign', 'Blocks a sign or light', 'Tapa un letrero o una luz'),
          opt('wires', 'Touches power lines', 'Toca cables eléctricos'),
          opt('dead', 'Dead or hanging branches', 'Ramas secas o colgando'),
        ],
      }),
      field('singleChoice', 'tree-location', L('Where is the tree?', '¿Dónde está el árbol?'), {
        options: [
          opt('parkway', 'Between sidewalk and street', 'Entre la acera y la calle'),
          opt('park', 'In a park', 'En un parque'),
          opt('median', 'In a median', 'En un camellón'),
        ],
      }),
    ],
  },
  {
    code: 'abandoned-vehicle',
    publicVisibility: 'summary',
    department: 'police-community',
    group: 'vehicles',
    name: L('Abandoned vehicle', 'Vehículo abandonado'),
    keywords: L('abandoned car, junk car, parked for weeks', 'coche abandonado, carro abandonado, auto abandonado'),
    description: L(
      'A vehicle parked on a public street for more than 72 hours, or inoperable or without plates.',
      'Un vehículo estacionado en la vía pública más de 72 horas, o que no funciona o no tiene placas.',
    ),
    resolution: L(
      'Resolved when the vehicle has been tagged with a 72-hour notice and, if still there afterwards, towed; or found to have moved.',
      'Resuelta cuando el vehículo ha recibido un aviso de 72 horas y, si sigue allí después, ha sido remolcado; o se comprobó que se movió.',
    ),
    priority: 'normal',
    targetHours: 120,
    fields: [
      field('text', 'make', L('Make and model', 'Marca y modelo'), { required: true }),
      field('text', 'color', L('Color', 'Color'), { required: true }),
      field('text', 'plate', L('License plate', 'Placa'), { hint: L('Leave empty if there is none.', 'Déjelo vacío si no tiene.') }),
      field(
        'number',
        'days-parked',
        L('About how many days has it been parked there?', '¿Más o menos cuántos días lleva estacionado allí?'),
        { required: true },
      ),
    ],
  },
  {
    code: 'lawn-parking',
    publicVisibility: 'none',
    department: 'code-enforcement',
    group: 'vehicles',
    name: L('Parking on lawns', 'Estacionamiento en el césped'),
    keywords: L('parked on the grass, car on the lawn', 'carro en el césped, estacionado en el pasto'),
    description: L(
      'Vehicles parked on front yards or lawns instead of driveways.',
      'Vehículos estacionados en jardines delanteros o en el césped en lugar de la entrada.',
    ),
    resolution: L(
      'Resolved when an inspector has visited and the owner has received a warning or citation, or no violation was found.',
      'Resuelta cuando un inspector ha visitado y el propietario ha recibido una advertencia o multa, o no se encontró infracción.',
    ),
    priority: 'low',
    targetHours: 168,
    fields: [
      field('singleChoice', 'when', L('When does it usually happen?', '¿Cuándo suele pasar?'), {
        required: true,
        options: [
          opt('weekday-morning', 'Weekday mornings', 'Mañanas entre semana'),
          opt('weekday-evening', 'Weekday evenings', 'Tardes entre semana'),
          opt('weekend', 'Weekends', 'Fines de semana'),
          opt('market', 'Market days', 'Días de mercado'),
          opt('always', 'All the time', 'Siempre'),
        ],
      }),
      field('number', 'vehicles', L('How many vehicles?', '¿Cuántos vehículos?')),
    ],
  },
  {
    code: 'trash-burning',
    publicVisibility: 'none',
    department: 'code-enforcement',
    group: 'nuisance',
    name: L('Trash burning', 'Quema de basura'),
    keywords: L('burning, smoke, fire in a yard', 'quemando, humo, fuego en el patio'),
    description: L(
      'Burning of trash, yard waste or building materials in yards or lots. Call 911 for a fire that is spreading.',
      'Quema de basura, restos de jardín o materiales de construcción en patios o lotes. Llame al 911 si el fuego se extiende.',
    ),
    resolution: L(
      'Resolved when an inspector or officer has confirmed the fire is out and the person responsible has been warned or cited.',
      'Resuelta cuando un inspector o agente ha confirmado que el fuego está apagado y el responsable ha sido advertido o multado.',
    ),
    priority: 'urgent',
    targetHours: 4,
    fields: [
      field('yesNo', 'now', L('Is it burning right now?', '¿Se está quemando ahora mismo?'), { required: true }),
      field('singleChoice', 'material', L('What is being burned?', '¿Qué se está quemando?'), {
        options: [
          opt('yard', 'Yard waste', 'Restos de jardín'),
          opt('trash', 'Household trash', 'Basura doméstica'),
          opt('construction', 'Building materials', 'Materiales de construcción'),
          opt('unknown', "I don't know", 'No sé'),
        ],
      }),
    ],
  },
  {
    code: 'illegal-construction',
    publicVisibility: 'none',
    department: 'code-enforcement',
    group: 'property',
    name: L('Construction without a permit', 'Construcción sin permiso'),
    keywords: L('no permit, building without permit, construction noise', 'obra sin permiso, construcción ilegal'),
    description: L(
      'Building work that seems to have no permit: additions, garage conversions, walls, demolitions.',
      'Obras que parecen no tener permiso: ampliaciones, garajes convertidos en vivienda, muros, demoliciones.',
    ),
    resolution: L(
      'Resolved when an inspector has checked the site and either confirmed a valid permit or issued a stop-work order.',
      'Resuelta cuando un inspector ha revisado el lugar y ha confirmado un permiso válido o ha ordenado detener la obra.',
    ),
    priority: 'normal',
    targetHours: 120,
    fields: [
      field('singleChoice', 'work', L('What kind of work?', '¿Qué tipo de obra?'), {
        required: true,
        options: [
          opt('addition', 'Addition or new room', 'Ampliación o cuarto nuevo'),
          opt('garage', 'Garage conversion', 'Garaje convertido en vivienda'),
          opt('wall', 'Fence or wall', 'Cerca o muro'),
          opt('demolition', 'Demolition', 'Demolición'),
          opt('other', 'Other', 'Otra'),
        ],
      }),
      field('yesNo', 'in-progress', L('Is work going on now?', '¿Se está trabajando ahora?')),
      field('singleChoice', 'permit-posted', L('Is a permit posted at the site?', '¿Hay un permiso visible en el lugar?'), {
        options: YES_NO_UNKNOWN,
      }),
    ],
  },
  {
    code: 'overgrown-lot',
    publicVisibility: 'summary',
    department: 'code-enforcement',
    group: 'property',
    name: L('Overgrown or neglected lot', 'Lote descuidado o con maleza'),
    keywords: L('weeds, tall grass, vacant lot', 'maleza, hierba alta, lote baldío'),
    description: L(
      'Vacant or occupied lots with tall weeds, trash, standing water or rodents.',
      'Lotes baldíos u ocupados con maleza alta, basura, agua estancada o roedores.',
    ),
    resolution: L(
      'Resolved when the lot has been cleaned by the owner after notice, or by the city with the cost billed to the owner.',
      'Resuelta cuando el lote ha sido limpiado por el propietario tras el aviso, o por la ciudad cobrando el costo al propietario.',
    ),
    priority: 'low',
    targetHours: 240,
    fields: [
      field('yesNo', 'vacant', L('Is the lot vacant?', '¿El lote está baldío?'), { required: true }),
      field('multipleChoice', 'hazards', L('What do you see?', '¿Qué ve?'), {
        required: true,
        options: [
          opt('weeds', 'Tall weeds', 'Maleza alta'),
          opt('trash', 'Trash', 'Basura'),
          opt('water', 'Standing water', 'Agua estancada'),
          opt('rodents', 'Rats or mice', 'Ratas o ratones'),
          opt('fire', 'Dry brush (fire risk)', 'Matorral seco (riesgo de incendio)'),
        ],
      }),
    ],
  },
  {
    code: 'missed-trash-pickup',
    publicVisibility: 'summary',
    department: 'sanitation',
    group: 'trash',
    name: L('Missed trash pickup', 'Recolección de basura no realizada'),
    keywords: L('garbage not collected, trash not picked up, bins', 'basura no recogida, contenedores, botes de basura'),
    description: L(
      'Your trash, recycling or green-waste cart was not collected on your pickup day.',
      'No se recogió su contenedor de basura, reciclaje o restos verdes el día de recolección.',
    ),
    resolution: L(
      'Resolved when the cart has been collected, or the resident was told why it could not be (e.g. blocked or contaminated).',
      'Resuelta cuando se ha recogido el contenedor, o se informó al residente por qué no se pudo (p. ej. bloqueado o contaminado).',
    ),
    priority: 'normal',
    targetHours: 24,
    fields: [
      field('singleChoice', 'container', L('Which container?', '¿Qué contenedor?'), {
        required: true,
        options: [
          opt('trash', 'Trash (black)', 'Basura (negro)'),
          opt('recycling', 'Recycling (blue)', 'Reciclaje (azul)'),
          opt('green', 'Green waste (green)', 'Restos verdes (verde)'),
        ],
      }),
      field('date', 'pickup-day', L('Scheduled pickup day', 'Día de recolección programado'), { required: true }),
      field('yesNo', 'out-by-six', L('Was the cart at the curb by 6 a.m.?', '¿Estaba el contenedor en la acera antes de las 6 a. m.?'), {
        required: true,
      }),
    ],
  },
  {
    code: 'sidewalk-damage',
    publicVisibility: 'full',
    department: 'public-works',
    group: 'streets',
    name: L('Sidewalk damage', 'Acera dañada'),
    keywords: L('broken sidewalk, cracked pavement, trip hazard', 'banqueta rota, acera rota, tropiezo'),
    description: L(
      'Raised, cracked or missing sidewalk, or a blocked curb ramp.',
      'Acera levantada, agrietada o faltante, o una rampa bloqueada.',
    ),
    resolution: L(
      'Resolved when the hazard has been made safe (ramped, ground or marked) and the permanent repair is scheduled or done.',
      'Resuelta cuando el peligro se ha eliminado (rampa, pulido o señalizado) y la reparación definitiva está programada o hecha.',
    ),
    priority: 'normal',
    targetHours: 240,
    fields: [
      field('singleChoice', 'problem', L('What is the problem?', '¿Cuál es el problema?'), {
        required: true,
        options: [
          opt('raised', 'Raised or uneven', 'Levantada o desnivelada'),
          opt('cracked', 'Badly cracked', 'Muy agrietada'),
          opt('missing', 'Section missing', 'Falta un tramo'),
          opt('ramp', 'Curb ramp blocked or broken', 'Rampa bloqueada o rota'),
        ],
      }),
      field('yesNo', 'roots', L('Are tree roots the cause?', '¿La causan raíces de árbol?')),
      field('yesNo', 'injury', L('Has someone been hurt?', '¿Alguien se ha lastimado?')),
    ],
  },
  {
    code: 'noise',
    publicVisibility: 'none',
    department: 'police-community',
    group: 'nuisance',
    name: L('Noise', 'Ruido'),
    keywords: L('loud music, barking, party, loud', 'música alta, fiesta, ruidoso, ladridos'),
    description: L(
      'Ongoing loud music, parties, construction outside permitted hours, or other noise. Call the police line for an emergency.',
      'Música alta, fiestas, obras fuera del horario permitido u otros ruidos persistentes. Llame a la policía en caso de emergencia.',
    ),
    resolution: L(
      'Resolved when an officer or inspector has contacted the source and given a warning or citation, or found no violation.',
      'Resuelta cuando un agente o inspector ha contactado al responsable y le ha dado una advertencia o multa, o no encontró infracción.',
    ),
    priority: 'normal',
    targetHours: 48,
    photosAllowed: false,
    fields: [
      field('singleChoice', 'source', L('What is the noise?', '¿Qué tipo de ruido es?'), {
        required: true,
        options: [
          opt('music', 'Music or party', 'Música o fiesta'),
          opt('construction', 'Construction', 'Obras'),
          opt('dog', 'Barking dog', 'Perro que ladra'),
          opt('vehicle', 'Vehicles or engines', 'Vehículos o motores'),
          opt('business', 'A business', 'Un comercio'),
          opt('other', 'Other', 'Otro'),
        ],
      }),
      field('singleChoice', 'time-of-day', L('When does it happen?', '¿Cuándo ocurre?'), {
        required: true,
        options: [
          opt('morning', 'Morning', 'Por la mañana'),
          opt('afternoon', 'Afternoon', 'Por la tarde'),
          opt('evening', 'Evening', 'Al anochecer'),
          opt('night', 'Late at night', 'De madrugada'),
        ],
      }),
      field('yesNo', 'recurring', L('Does it happen again and again?', '¿Ocurre una y otra vez?'), { required: true }),
    ],
  },
  {
    code: 'stray-animal',
    publicVisibility: 'summary',
    department: 'police-community',
    group: 'animals',
    name: L('Stray or loose animal', 'Animal callejero o suelto'),
    keywords: L('stray dog, loose dog, stray cat', 'perro callejero, perro suelto, gato callejero'),
    description: L(
      'A stray, loose, injured or aggressive animal on a street or in a park.',
      'Un animal callejero, suelto, herido o agresivo en la calle o en un parque.',
    ),
    resolution: L(
      'Resolved when animal services has picked up the animal, returned it to its owner, or searched the area without finding it.',
      'Resuelta cuando el servicio de animales ha recogido al animal, lo ha devuelto a su dueño o ha buscado en la zona sin encontrarlo.',
    ),
    priority: 'high',
    targetHours: 24,
    fields: [
      field('singleChoice', 'animal', L('What animal?', '¿Qué animal?'), {
        required: true,
        options: [
          opt('dog', 'Dog', 'Perro'),
          opt('cat', 'Cat', 'Gato'),
          opt('livestock', 'Farm animal', 'Animal de granja'),
          opt('other', 'Other', 'Otro'),
        ],
      }),
      field('singleChoice', 'behavior', L('How is it behaving?', '¿Cómo se comporta?'), {
        required: true,
        options: [
          opt('calm', 'Calm', 'Tranquilo'),
          opt('aggressive', 'Aggressive', 'Agresivo'),
          opt('injured', 'Injured or sick', 'Herido o enfermo'),
        ],
      }),
      field('yesNo', 'still-there', L('Is it still there?', '¿Sigue allí?')),
    ],
  },
  {
    code: 'water-leak',
    publicVisibility: 'full',
    department: 'public-works',
    group: 'water',
    name: L('Water leak', 'Fuga de agua'),
    keywords: L('leak, leaking, broken pipe, flooding, water main', 'fuga, tubería rota, inundación, agua'),
    description: L(
      'Water leaking from a street, sidewalk, hydrant or meter box.',
      'Agua que sale de una calle, acera, hidrante o caja del medidor.',
    ),
    resolution: L(
      'Resolved when the leak has been stopped (valve closed or pipe repaired) and the site made safe.',
      'Resuelta cuando la fuga se ha detenido (válvula cerrada o tubería reparada) y el lugar es seguro.',
    ),
    priority: 'urgent',
    targetHours: 8,
    fields: [
      field('singleChoice', 'where', L('Where is the water coming from?', '¿De dónde sale el agua?'), {
        required: true,
        options: [
          opt('street', 'Street', 'Calle'),
          opt('sidewalk', 'Sidewalk', 'Acera'),
          opt('hydrant', 'Fire hydrant', 'Hidrante'),
          opt('meter', 'Meter box', 'Caja del medidor'),
        ],
      }),
      field('singleChoice', 'flow', L('How much water?', '¿Cuánta agua?'), {
        required: true,
        options: [
          opt('trickle', 'A trickle', 'Un hilo'),
          opt('steady', 'A steady flow', 'Un chorro constante'),
          opt('gushing', 'Gushing', 'Sale a borbotones'),
        ],
      }),
      field('yesNo', 'flooding', L('Is it flooding a home or business?', '¿Está inundando una casa o un comercio?')),
    ],
  },
  {
    code: 'code-enforcement',
    publicVisibility: 'none',
    department: 'code-enforcement',
    group: 'property',
    name: L('Property maintenance (code enforcement)', 'Mantenimiento de propiedades (cumplimiento de códigos)'),
    keywords: L('unsafe building, broken windows, substandard housing', 'edificio peligroso, ventanas rotas, vivienda insalubre'),
    description: L(
      'Junk in yards, broken windows, unsafe structures, substandard housing or illegal signs.',
      'Chatarra en patios, ventanas rotas, estructuras inseguras, viviendas en malas condiciones o letreros ilegales.',
    ),
    resolution: L(
      'Resolved when an inspector has visited and the case is either closed as corrected, found without violation, or referred to a hearing.',
      'Resuelta cuando un inspector ha visitado y el caso se ha cerrado como corregido, sin infracción, o remitido a una audiencia.',
    ),
    priority: 'normal',
    targetHours: 168,
    fields: [
      field('singleChoice', 'violation', L('What kind of problem?', '¿Qué tipo de problema?'), {
        required: true,
        options: [
          opt('junk', 'Junk or debris in a yard', 'Chatarra o escombros en un patio'),
          opt('windows', 'Broken windows or doors', 'Ventanas o puertas rotas'),
          opt('unsafe', 'Unsafe structure', 'Estructura insegura'),
          opt('housing', 'Substandard rental housing', 'Vivienda de alquiler en malas condiciones'),
          opt('signs', 'Illegal signs or banners', 'Letreros o pancartas ilegales'),
          opt('other', 'Other', 'Otro'),
        ],
      }),
      field('text', 'how-long', L('How long has this been a problem?', '¿Desde cuándo es un problema?')),
    ],
  },
  {
    code: 'parking-enforcement',
    publicVisibility: 'summary',
    department: 'police-community',
    group: 'vehicles',
    name: L('Parking violation', 'Infracción de estacionamiento'),
    keywords: L('blocked driveway, double parked, illegally parked', 'cochera bloqueada, doble fila, mal estacionado'),
    description: L(
      'A vehicle blocking a driveway, hydrant or red curb, double parked, or in a disabled space without a placard.',
      'Un vehículo que bloquea una entrada, un hidrante o una banqueta roja, en doble fila o en un espacio para discapacitados sin permiso.',
    ),
    resolution: L(
      'Resolved when a parking officer has checked the vehicle and cited it, or found it gone or legally parked.',
      'Resuelta cuando un agente de estacionamiento ha revisado el vehículo y lo ha multado, o comprobó que se fue o está bien estacionado.',
    ),
    priority: 'high',
    targetHours: 4,
    fields: [
      field('singleChoice', 'problem', L('What is the violation?', '¿Cuál es la infracción?'), {
        required: true,
        options: [
          opt('driveway', 'Blocking a driveway', 'Bloquea una entrada'),
          opt('hydrant', 'At a hydrant or red curb', 'Junto a un hidrante o banqueta roja'),
          opt('double', 'Double parked', 'En doble fila'),
          opt('disabled', 'Disabled space without placard', 'Espacio para discapacitados sin permiso'),
          opt('time-limit', 'Over the time limit', 'Pasó el tiempo permitido'),
        ],
      }),
      field('text', 'plate', L('License plate', 'Placa')),
      field('text', 'vehicle', L('Vehicle make and color', 'Marca y color del vehículo')),
    ],
  },
  {
    code: 'vendor-inspection',
    publicVisibility: 'summary',
    department: 'code-enforcement',
    group: 'business',
    name: L('Street vendor inspection', 'Inspección de vendedores ambulantes'),
    keywords: L('food cart, street vendor, vendor', 'puesto de comida, vendedor ambulante'),
    description: L(
      'Food carts, trucks or street stands without a visible permit, with food-safety concerns, or blocking the sidewalk.',
      'Carritos, camiones de comida o puestos callejeros sin permiso visible, con dudas sobre higiene o que bloquean la acera.',
    ),
    resolution: L(
      'Resolved when an inspector has inspected the vendor on site (permit and food safety) and recorded the result.',
      'Resuelta cuando un inspector ha inspeccionado al vendedor en el lugar (permiso e higiene) y ha registrado el resultado.',
    ),
    priority: 'high',
    targetHours: 24,
    fields: [
      field('singleChoice', 'vendor-kind', L('What kind of vendor?', '¿Qué tipo de vendedor?'), {
        required: true,
        options: [
          opt('cart', 'Food cart', 'Carrito de comida'),
          opt('truck', 'Food truck', 'Camión de comida'),
          opt('stand', 'Street stand', 'Puesto callejero'),
          opt('canopy', 'Canopy or pop-up', 'Toldo o puesto temporal'),
        ],
      }),
      field('multipleChoice', 'concerns', L('What concerns you?', '¿Qué le preocupa?'), {
        required: true,
        options: [
          opt('permit', 'No visible permit', 'Sin permiso visible'),
          opt('food-safety', 'Food safety', 'Higiene de los alimentos'),
          opt('sidewalk', 'Blocks the sidewalk', 'Bloquea la acera'),
          opt('trash', 'Leaves trash behind', 'Deja basura'),
        ],
      }),
      field('date', 'seen-on', L('When did you see it?', '¿Cuándo lo vio?')),
      field('longText', 'schedule', L('Days and times the vendor is usually there', 'Días y horas en que el vendedor suele estar')),
    ],
  },
  {
    code: 'damaged-sign',
    publicVisibility: 'full',
    department: 'public-works',
    group: 'streets',
    name: L('Damaged or missing street sign', 'Señal de tránsito dañada o faltante'),
    keywords: L('stop sign, missing sign, knocked down sign', 'señal de alto, letrero caído, señal faltante'),
    description: L(
      'A stop, yield, speed or street-name sign that is down, bent, faded or missing.',
      'Una señal de alto, ceda el paso, velocidad o nombre de calle caída, doblada, descolorida o faltante.',
    ),
    resolution: L(
      'Resolved when the sign has been replaced or reset; a missing stop sign is made safe with a temporary sign the same day.',
      'Resuelta cuando la señal se ha cambiado o enderezado; un alto faltante se cubre con una señal temporal el mismo día.',
    ),
    priority: 'high',
    targetHours: 48,
    fields: [
      field('singleChoice', 'sign', L('Which sign?', '¿Qué señal?'), {
        required: true,
        options: [
          opt('stop', 'Stop', 'Alto'),
          opt('yield', 'Yield', 'Ceda el paso'),
          opt('speed', 'Speed limit', 'Límite de velocidad'),
          opt('street-name', 'Street name', 'Nombre de calle'),
          opt('other', 'Other', 'Otra'),
        ],
      }),
      field('singleChoice', 'condition', L('What happened to it?', '¿Qué le pasó?'), {
        required: true,
        options: [
          opt('down', 'Knocked down', 'Caída'),
          opt('bent', 'Bent or turned', 'Doblada o girada'),
          opt('faded', 'Faded or covered', 'Descolorida o tapada'),
          opt('missing', 'Missing', 'No está'),
        ],
      }),
    ],
  },
  {
    code: 'park-maintenance',
    publicVisibility: 'full',
    department: 'parks',
    group: 'parks',
    name: L('Park maintenance', 'Mantenimiento de parques'),
    keywords: L('playground, park bench, broken swing', 'parque infantil, banca del parque, columpio roto'),
    description: L(
      'Broken play equipment, restrooms, irrigation, lighting or litter in a city park.',
      'Juegos rotos, baños, riego, iluminación o basura en un parque de la ciudad.',
    ),
    resolution: L(
      'Resolved when the crew has repaired or cleaned it, or closed off unsafe equipment until the part arrives.',
      'Resuelta cuando la cuadrilla lo ha reparado o limpiado, o ha cerrado el juego inseguro hasta que llegue la pieza.',
    ),
    priority: 'normal',
    targetHours: 120,
    fields: [
      field('text', 'park', L('Which park?', '¿Qué parque?'), { required: true }),
      field('multipleChoice', 'problems', L('What needs attention?', '¿Qué necesita atención?'), {
        required: true,
        options: [
          opt('equipment', 'Play equipment', 'Juegos infantiles'),
          opt('restroom', 'Restroom', 'Baños'),
          opt('irrigation', 'Sprinklers or irrigation', 'Aspersores o riego'),
          opt('lighting', 'Lighting', 'Iluminación'),
          opt('litter', 'Litter', 'Basura'),
        ],
      }),
    ],
  },
  {
    code: 'holiday-tree-pickup',
    publicVisibility: 'summary',
    department: 'sanitation',
    group: 'trash',
    name: L('Holiday tree pickup', 'Recolección de árboles navideños'),
    keywords: L('christmas tree', 'árbol de navidad'),
    description: L(
      'Curbside pickup of holiday trees in the first two weeks of January.',
      'Recolección en la acera de árboles navideños en las dos primeras semanas de enero.',
    ),
    resolution: L('Resolved when the tree has been picked up for mulching.', 'Resuelta cuando el árbol se ha recogido para hacer abono.'),
    priority: 'low',
    targetHours: 72,
    active: false,
    photosAllowed: false,
    fields: [
      field('yesNo', 'decorations-removed', L('Have all lights and decorations been removed?', '¿Se quitaron todas las luces y adornos?'), {
        required: true,
      }),
    ],
  },
  {
    code: 'other',
    publicVisibility: 'none',
    department: 'public-works',
    group: 'other',
    name: L('Something else', 'Otro asunto'),
    description: L(
      'Any other problem for the city. Describe it and staff will send it to the right department.',
      'Cualquier otro problema para la ciudad. Descríbalo y el personal lo enviará al departamento correcto.',
    ),
    resolution: L(
      'Resolved when the request has been sent to the right department as a request of the right type, or answered and closed with an explanation.',
      'Resuelta cuando la solicitud se ha enviado al departamento correcto como solicitud del tipo adecuado, o se ha respondido y cerrado con una explicación.',
    ),
    priority: 'normal',
    targetHours: 72,
    locationRequired: false,
    fields: [
      field('yesNo', 'safety', L('Is anyone in danger?', '¿Hay alguien en peligro?'), {
        required: true,
        hint: L('For an emergency, call 911.', 'En caso de emergencia, llame al 911.'),
      }),
    ],
  },
];

/** A seed type's field set, numbered in order (version 1). */
export function seedFields(type: SeedRequestType): FieldDefinition[] {
  return type.fields.map((f, i) => ({ ...f, order: i + 1 }));
}
