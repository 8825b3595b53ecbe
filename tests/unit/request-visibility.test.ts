import { describe, expect, it } from 'vitest';
import { SEED_REQUEST_TYPES } from '../../prisma/seed-request-types';
import { coarsen, publicFacts } from '~/modules/requests/policy';
import { PUBLIC_VISIBILITIES } from '~/modules/requests/values';

/** The public-visibility rule (docs/decisions/0016-public-request-visibility.md). */
const facts = {
  description: 'Loud music at 12 Rosa Street every night.',
  address: '12 Rosa Street',
  addressId: 'ADDR-12',
  latitude: 34.05224,
  longitude: -118.24368,
  mediaUrl: 'https://photos.example.org/1.jpg',
  note: 'Officer visited 12 Rosa Street.',
  neighborhood: 'Riverside',
};

describe('public visibility of a request', () => {
  it('publishes everything in full', () => {
    expect(publicFacts('full', facts)).toEqual(facts);
  });

  it('publishes a summary without description, notes, media or address detail, and a position rounded to 3 decimals', () => {
    expect(publicFacts('summary', facts)).toEqual({
      description: '',
      address: 'Riverside',
      addressId: null,
      latitude: 34.052,
      longitude: -118.244,
      mediaUrl: null,
      note: null,
      neighborhood: 'Riverside',
    });
    expect(publicFacts('summary', { ...facts, neighborhood: null, latitude: null, longitude: null })).toMatchObject({
      address: null,
      latitude: null,
      longitude: null,
    });
    expect(coarsen(-0.0004)).toBe(-0);
    expect(coarsen(89.99951)).toBe(90);
  });

  it('publishes nothing for none', () => {
    expect(publicFacts('none', facts)).toBeNull();
  });

  it('gives every seeded type a visibility, with complaints about neighbors unpublished', () => {
    for (const type of SEED_REQUEST_TYPES) expect(PUBLIC_VISIBILITIES).toContain(type.publicVisibility);
    const of = (code: string) => SEED_REQUEST_TYPES.find((t) => t.code === code)?.publicVisibility;
    expect(['noise', 'code-enforcement', 'trash-burning', 'lawn-parking', 'other'].map(of)).toEqual([
      'none',
      'none',
      'none',
      'none',
      'none',
    ]);
    expect(of('pothole')).toBe('full');
    expect(of('graffiti')).toBe('summary');
  });
});
