import { describe, expect, it } from 'vitest';
import type { Actor, Grant } from '~/modules/identity/policy';
import { intakeSchema } from '~/modules/requests/intake/intake-schemas';
import { canPromotePost, canReadRequest } from '~/modules/requests/policy';
import { guessRequestType } from '~/modules/requests/forum-links/type-guess';

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
  const types = [
    { code: 'graffiti', names: ['Graffiti', 'Grafiti'] },
    { code: 'street-light-out', names: ['Street light out', 'Luz de calle apagada'] },
    { code: 'noise', names: ['Noise', 'Ruido'] },
  ];
  it('matches names in any language and code words, as whole words, accents and case ignored; longest wins', () => {
    expect(guessRequestType('Someone sprayed GRAFFITI on the wall', types)).toBe('graffiti');
    expect(guessRequestType('Hay grafiti en la pared', types)).toBe('graffiti');
    expect(guessRequestType('The street light out on Mill St, and some noise', types)).toBe('street-light-out');
    expect(guessRequestType('Mucho RUÍDO anoche', types)).toBe('noise');
  });
  it('guesses nothing without a whole-word match', () => {
    expect(guessRequestType('Noisemakers at the parade', types)).toBeNull();
    expect(guessRequestType('', types)).toBeNull();
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
