/** The City settings form (/admin/city) as the browser posts it for the demo city, as seeded. */
export const DEMO_CITY_FORM = {
  name: 'Arroyo Verde',
  timeZone: 'America/Los_Angeles',
  defaultLocale: 'en',
  fiscalYearStartMonth: '7',
  contactEmail: 'hello@arroyoverde.example',
  contactPhone: '+1 555 010 2000',
  contactAddress: 'City Hall\n100 Plaza Mayor\nArroyo Verde, CA 95000',
  'openingHours.en': 'Monday to Friday, 8 am to 5 pm',
  'openingHours.es': 'De lunes a viernes, de 8:00 a 17:00',
  accentColor: '',
};
