import { describe, expect, it } from 'vitest';
import type { Actor, Grant } from '~/modules/identity/policy';
import { intakeSchema } from '~/modules/requests/intake/intake-schemas';
import { canPromotePost, canReadRequest } from '~/modules/requests/policy';
import { guessRequestType } from '~/modules/requests/forum-links/type-guess.server';
import { guessLocation } from '~/modules/requests/forum-links/location-guess';

const person = (id: string, grants: Grant[] = [], status = 'active'): Actor => ({ id, status, grants });
const riverside = { id: 'c1' };

describe('who may promote a post', () => {
  it('allows admins, staff and liaisons anywhere; moderators of the channel only with the city setting', () => {
    const table: [string, Actor, boolean, boolean][] = [
      ['anonymous', null, false, false],
      ['resident', person('r'), false, false],
      ['captain', person('c', [{ role: 'captain', scopeKind: 'group', scopeId: 'g' }]), false, false],
      ['staff', person('s', [{ role: 'staff', scopeKind: null, scopeId: null }]), true, true],
      ['admin', person('a', [{ role: 'admin', scopeKind: null, scopeId: null }]), true, true],
      ['liaison (any department)', person('l', [{ role: 'liaison', scopeKind: 'department', scopeId: 'works' }]), true, true],
      ['moderator of the channel', person('m', [{ role: 'moderator', scopeKind: 'channel', scopeId: 'c1' }]), false, true],
      ['moderator of another channel', person('m2', [{ role: 'moderator', scopeKind: 'channel', scopeId: 'c2' }]), false, false],
      ['suspended staff', person('s', [{ role: 'staff', scopeKind: null, scopeId: null }], 'suspended'), false, false],
    ];
    for (const [who, actor, off, on] of table) {
      expect([who, canPromotePost(actor, riverside, false), canPromotePost(actor, riverside, true)]).toEqual([who, off, on]);
    }
  });

  it('lets a signed-in follower read a request, never an anonymous visitor', () => {
    const request = { requesterId: null, departmentId: 'works' };
    expect(canReadRequest(person('rosa'), request, false, true)).toBe(true);
    expect(canReadRequest(person('rosa'), request, false, false)).toBe(false);
    expect(canReadRequest(null, request, false, true)).toBe(false);
  });
});

describe("guessing a post's request type", () => {
  const type = (code: string, en: string, es: string, keywords: Record<string, string> = {}) => ({ code, names: { en, es }, keywords });
  const types = [
    type('graffiti', 'Graffiti', 'Grafiti', { en: 'tagging, spray paint', es: 'pintadas' }),
    type('street-light-out', 'Street light out', 'Farola apagada', { en: 'lamp post' }),
    type('noise', 'Noise', 'Ruido'),
    type('pothole', 'Pothole', 'Bache', { en: 'hole in the road', es: 'hoyo en la calle' }),
    type('trash-burning', 'Trash burning', 'Quema de basura'),
    type('missed-trash', 'Missed trash pickup', 'Recolección de basura no realizada'),
  ];
  it('matches names in any language, accents and case ignored', () => {
    expect(guessRequestType('Someone sprayed GRAFFITI on the wall', types)).toBe('graffiti');
    expect(guessRequestType('Hay grafiti en la pared', types)).toBe('graffiti');
    expect(guessRequestType('Mucho RUÍDO anoche', types)).toBe('noise');
  });
  it('matches word stems, not spellings: plurals and other forms of the words', () => {
    expect(guessRequestType('Two huge potholes on Mill St', types)).toBe('pothole');
    expect(guessRequestType('Los baches de la calle Rosa', types)).toBe('pothole');
    expect(guessRequestType('The street lights are out again', types)).toBe('street-light-out');
    expect(guessRequestType('Las farolas están apagadas desde ayer', types)).toBe('street-light-out');
    expect(guessRequestType('Neighbors are burning trash every night', types)).toBe('trash-burning');
  });
  it("matches a type's keywords, a whole phrase at a time", () => {
    expect(guessRequestType('Kids tagging the bridge', types)).toBe('graffiti');
    expect(guessRequestType('A hole in the road near the school', types)).toBe('pothole');
    expect(guessRequestType('Hay un hoyo enorme en la calle', types)).toBe('pothole');
    // "road" alone is not the phrase "hole in the road".
    expect(guessRequestType('The road to the park', types)).toBeNull();
  });
  it('prefers the type more of whose words are in the post, and words few types share', () => {
    expect(guessRequestType('The street light out on Mill St, and some noise', types)).toBe('street-light-out');
    // "trash" is in two types; "burning" in one.
    expect(guessRequestType('Trash burning again, and the trash pickup was missed', types)).toBe('missed-trash');
    expect(guessRequestType('Smoke: they are burning trash', types)).toBe('trash-burning');
  });
  it('guesses nothing without a match, or when two types match as well', () => {
    expect(guessRequestType('Noisemakers at the parade', types)).toBeNull();
    expect(guessRequestType('', types)).toBeNull();
    expect(guessRequestType('Graffiti and noise', types)).toBeNull();
  });
});

describe("the promote form's location", () => {
  const schema = intakeSchema({ locationRequired: true, pointCounts: true });
  const base = { description: 'Tags' };
  it('accepts an address or a latitude/longitude pair when the type needs a location', () => {
    expect(schema.safeParse({ ...base, address: '1 Main St' }).success).toBe(true);
    expect(schema.safeParse({ ...base, latitude: '34.1', longitude: '-118.2' }).success).toBe(true);
  });
  it('refuses neither, with the localized message key on the address', () => {
    const result = schema.safeParse(base);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => [i.path[0], i.message])).toContainEqual(['address', 'requests:promote.errors.locationRequired']);
  });
});

describe("guessing a post's location", () => {
  const neighborhoods = [
    { id: 'riverside', streets: 'River Rd, Mill St, Willow Ave, Bridge St' },
    { id: 'las-flores', streets: 'Calle Rosa, Calle Jazmín, Orchard Ave, 5th St' },
    { id: 'downtown', streets: 'Main St, Plaza Way, 1st–4th St' },
  ];
  it("finds a listed street with its house number, and that street's neighborhood", () => {
    expect(guessLocation('Pothole in front of 120 Mill Street', neighborhoods, null)).toEqual({
      address: '120 Mill St',
      neighborhoodId: 'riverside',
    });
    expect(guessLocation('Hay un bache en la calle jazmin, nº 45', neighborhoods, 'downtown')).toEqual({
      address: 'Calle Jazmín 45',
      neighborhoodId: 'las-flores',
    });
    expect(guessLocation('All along main st. it is dark', neighborhoods, null)).toEqual({ address: 'Main St', neighborhoodId: 'downtown' });
  });
  it('does not take part of a longer word for a street', () => {
    expect(guessLocation('The Sawmill Street bridge', neighborhoods, null).neighborhoodId).toBeNull();
  });
  it("falls back to something shaped like an address, with the channel's neighborhood", () => {
    expect(guessLocation('Tags on the wall at 42 Elm Street, since Monday', neighborhoods, 'downtown')).toEqual({
      address: '42 Elm Street',
      neighborhoodId: 'downtown',
    });
    expect(guessLocation('Basura en Avenida Central 10.', neighborhoods, null)).toEqual({
      address: 'Avenida Central 10',
      neighborhoodId: null,
    });
    expect(guessLocation('Something is wrong somewhere', neighborhoods, 'riverside')).toEqual({
      address: null,
      neighborhoodId: 'riverside',
    });
  });
});
