import { fallbackLanguage } from '~/lib/i18n';
import { fromPlainText } from '~/modules/content/plaintext';
import { parseRichText, type BlockNode, type InlineNode, type RichTextDoc } from '~/modules/content/richtext';
import type { SitePageKey } from './keys';

/**
 * The text a site page starts with, until an administrator edits it: seeded into the demo city
 * and shown on a real city's site from its first start. Written as blocks separated by blank
 * lines; a block starting "## " is a heading, one whose lines all start "- " a bullet list.
 */
const DEFAULTS: Record<SitePageKey, Record<'en' | 'es', string>> = {
  privacy: {
    en: `This notice says what this site keeps about you, why, and how to get it or have it erased. The city runs the site; it sells nothing and shows no advertising, and no outside service tracks what you do here.

## What we keep
- Your account: the name you show, your e-mail address, your password (only as a one-way hash), your language, your neighborhood if you chose one, and when you accepted these terms.
- What you write: posts, replies, reactions, poll votes, reports, and your survey answers. An anonymous survey keeps who took part apart from what they answered.
- Service requests: what you describe, the answers to the request's questions, the address or place you give, and up to three photos. Photos are re-encoded when they arrive, which removes their location, camera and other hidden data.
- Block-watch groups and participatory budgets: your memberships and what you chose to share with your group, how your residency was verified, your proposals and supports. A ballot is sealed: nothing readable ties you to your choices.
- Security records: your sign-in sessions, and a log of changes made by city staff.

## Why we keep it
Only to run this site: to show your contributions, to route and answer your service requests, to tell you about what you follow, and to keep the site safe from abuse.

## E-mail
We write to you only about your account (confirming your address, resetting your password) and with the notifications you chose. You can change or stop notifications at any time under My account, and every notification has a link that stops it in one click.

## Your data, your choice
- Download everything we hold about you at /account/export.
- Delete your account at /account/delete: your personal data is erased; what you posted in public stays, without your name.

## Questions
Write to the city through the contact page, /contact.`,
    es: `Este aviso explica qué guarda este sitio sobre usted, para qué, y cómo obtenerlo o borrarlo. El sitio lo gestiona la ciudad; no vende nada ni muestra publicidad, y ningún servicio externo sigue lo que usted hace aquí.

## Qué guardamos
- Su cuenta: el nombre que muestra, su correo electrónico, su contraseña (solo como un resumen irreversible), su idioma, su barrio si lo eligió, y cuándo aceptó estas condiciones.
- Lo que escribe: publicaciones, respuestas, reacciones, votos en encuestas rápidas, denuncias y sus respuestas a las encuestas. Una encuesta anónima guarda por separado quién participó y qué respondió.
- Solicitudes de servicio: lo que describe, las respuestas a las preguntas de la solicitud, la dirección o el lugar que indica y hasta tres fotos. Las fotos se vuelven a codificar al llegar, lo que elimina su ubicación, los datos de la cámara y otros datos ocultos.
- Grupos de vigilancia vecinal y presupuestos participativos: sus membresías y lo que eligió compartir con su grupo, cómo se verificó su residencia, sus propuestas y apoyos. La papeleta va sellada: nada legible le relaciona con lo que eligió.
- Registros de seguridad: sus sesiones iniciadas y un registro de los cambios que hace el personal municipal.

## Para qué lo guardamos
Solo para hacer funcionar este sitio: mostrar sus aportaciones, tramitar y responder sus solicitudes de servicio, avisarle de lo que sigue y proteger el sitio de abusos.

## Correo electrónico
Solo le escribimos sobre su cuenta (confirmar su dirección, restablecer su contraseña) y con los avisos que usted eligió. Puede cambiar o detener los avisos cuando quiera en Mi cuenta, y cada aviso trae un enlace que lo detiene con un clic.

## Sus datos, su decisión
- Descargue una copia de los datos que guardamos sobre usted en /account/export.
- Elimine su cuenta en /account/delete: se borran sus datos personales; lo que publicó en público se queda, sin su nombre.

## Preguntas
Escriba a la ciudad desde la página de contacto, /contact.`,
  },
  terms: {
    en: `These terms apply to everyone who uses this site. By creating an account you accept them and the privacy notice.

## Taking part
- Be respectful. No insults, threats, harassment or discrimination.
- Post only what you have the right to share. Do not publish other people's personal details.
- Keep service requests truthful. For emergencies, call the emergency number, not this site.
- One account per person. Keep your password to yourself.

## Moderation
Moderators and city staff may hide posts that break these terms and suspend accounts that keep breaking them. You can report a post you think breaks them; every decision is recorded.

## What you post
You keep the rights to what you write. You allow the city to show it on this site, and to use what you post in public to answer and plan its services.

## The service
The city runs this site as a public service and may change or pause it. Service requests are answered within the city's usual times; this site is not a way to reach emergency services.

## Changes
When these terms change, this page says so and its version rises.`,
    es: `Estas condiciones se aplican a todas las personas que usan este sitio. Al crear una cuenta, usted las acepta junto con el aviso de privacidad.

## Participar
- Sea respetuoso. Nada de insultos, amenazas, acoso ni discriminación.
- Publique solo lo que tiene derecho a compartir. No publique datos personales de otras personas.
- Haga solicitudes de servicio veraces. Para emergencias, llame al número de emergencias, no use este sitio.
- Una cuenta por persona. No comparta su contraseña.

## Moderación
Los moderadores y el personal municipal pueden ocultar publicaciones que incumplan estas condiciones y suspender las cuentas que las incumplan repetidamente. Puede denunciar una publicación que crea que las incumple; cada decisión queda registrada.

## Lo que publica
Usted conserva los derechos sobre lo que escribe. Permite a la ciudad mostrarlo en este sitio y usar lo que publica en público para atender y planificar sus servicios.

## El servicio
La ciudad ofrece este sitio como servicio público y puede cambiarlo o suspenderlo. Las solicitudes de servicio se atienden en los plazos habituales de la ciudad; este sitio no sirve para contactar con los servicios de emergencia.

## Cambios
Cuando estas condiciones cambien, esta página lo indicará y su versión aumentará.`,
  },
  accessibility: {
    en: `The city wants everyone to be able to use this site, whatever their device, abilities or connection.

## Our target
This site aims to meet the Web Content Accessibility Guidelines (WCAG) 2.2 at level AA, in English and in Spanish.

## How we check it
- Every page is checked automatically with axe, in both languages, at phone and desktop widths, before each release.
- Every core action works without JavaScript: plain forms, on slow phones and old browsers.
- We use the site with the keyboard alone and with a screen reader, and follow the system's light or dark setting.

## Known limits
- Maps are an extra: every place can also be given as an address, and lists show the same requests as the map.
- Photos sent by residents have no text description.
- Documents uploaded by the city before this site may not be accessible.

## Tell us about a problem
If something is hard or impossible to use, tell us what page and what happened: report it as a service request at /requests/new, or write to us through the contact page, /contact. We answer within ten working days.`,
    es: `La ciudad quiere que todas las personas puedan usar este sitio, sea cual sea su dispositivo, sus capacidades o su conexión.

## Nuestro objetivo
Este sitio busca cumplir las Pautas de Accesibilidad para el Contenido Web (WCAG) 2.2 en el nivel AA, en inglés y en español.

## Cómo lo comprobamos
- Cada página se revisa automáticamente con axe, en los dos idiomas, con anchos de teléfono y de escritorio, antes de cada versión.
- Toda acción principal funciona sin JavaScript: formularios sencillos, en teléfonos lentos y navegadores antiguos.
- Usamos el sitio solo con el teclado y con un lector de pantalla, y seguimos el modo claro u oscuro del sistema.

## Limitaciones conocidas
- Los mapas son un complemento: cada lugar puede indicarse también con una dirección, y las listas muestran las mismas solicitudes que el mapa.
- Las fotos que envían los vecinos no tienen descripción de texto.
- Los documentos que la ciudad publicó antes de este sitio pueden no ser accesibles.

## Avísenos de un problema
Si algo es difícil o imposible de usar, díganos qué página y qué ocurrió: comuníquelo como solicitud de servicio en /requests/new, o escríbanos desde la página de contacto, /contact. Respondemos en un plazo de diez días hábiles.`,
  },
  contact: {
    en: `Questions about this site, your data or a city service? Reach the city with the details on this page. To report a problem in the street or with this site, file a service request: you can follow its progress.`,
    es: `¿Preguntas sobre este sitio, sus datos o un servicio municipal? Contacte con la ciudad con los datos de esta página. Para comunicar un problema en la calle o con este sitio, presente una solicitud de servicio: podrá seguir cómo avanza.`,
  },
};

const elementDefaults = { direction: null, format: '', indent: 0, version: 1 };
const inlineOf = (text: string): InlineNode[] =>
  fromPlainText(text).root.children.flatMap((block) => ('children' in block ? block.children : []) as InlineNode[]);

function blockOf(text: string): BlockNode {
  if (text.startsWith('## ')) return { type: 'heading', tag: 'h2', children: inlineOf(text.slice(3)), ...elementDefaults } as BlockNode;
  const lines = text.split('\n');
  if (lines.every((line) => line.startsWith('- '))) {
    const items = lines.map((line, i) => ({ type: 'listitem', value: i + 1, children: inlineOf(line.slice(2)), ...elementDefaults }));
    return { type: 'list', listType: 'bullet', start: 1, tag: 'ul', children: items, ...elementDefaults } as BlockNode;
  }
  return fromPlainText(text).root.children[0]!;
}

/** The default document of a page in a language (the fallback language's for one without its own). */
export function defaultPageDoc(key: SitePageKey, lang: string): RichTextDoc {
  const texts = DEFAULTS[key];
  const source = texts[lang as keyof typeof texts] ?? texts[fallbackLanguage as keyof typeof texts];
  const parsed = parseRichText({ root: { type: 'root', children: source.split('\n\n').map(blockOf), ...elementDefaults } });
  if (!parsed.ok) throw new Error(`default ${key} page (${lang}): ${parsed.error}`);
  return parsed.doc;
}
