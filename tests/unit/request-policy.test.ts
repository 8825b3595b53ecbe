import { describe, expect, it } from 'vitest';
import type { Actor, Grant } from '~/modules/identity/policy';
import { answerName, intakeSchema } from '~/modules/requests/intake/intake-schemas';
import { canFileRequest, canReadRequest, canSeeRequesterContact } from '~/modules/requests/policy';
import { newPublicCode, tokenMatches } from '~/modules/requests/tracking/tracking-links.server';
import { hashToken } from '~/modules/identity/tokens.server';
import { sniffImage } from '~/modules/requests/intake/photo-uploads.server';
import { PublicCodeSchema } from '~/modules/requests/public-code';

const person = (id: string, grants: Grant[] = [], status = 'active'): Actor => ({ id, status, grants });
const works = { requesterId: 'rosa', departmentId: 'works' };

describe('service-request policy', () => {
  it("lets the requester, link holders, staff, admins and the department's liaisons read; nobody else", () => {
    const table: [string, Actor, boolean, boolean][] = [
      ['anonymous', null, false, false],
      ['anonymous with the link', null, true, true],
      ['the requester', person('rosa'), false, true],
      ['the requester, suspended', person('rosa', [], 'suspended'), false, true],
      ['another resident', person('juan'), false, false],
      ['staff', person('s', [{ role: 'staff', scopeKind: null, scopeId: null }]), false, true],
      ['admin', person('a', [{ role: 'admin', scopeKind: null, scopeId: null }]), false, true],
      ['liaison of the department', person('l', [{ role: 'liaison', scopeKind: 'department', scopeId: 'works' }]), false, true],
      ['liaison of another department', person('p', [{ role: 'liaison', scopeKind: 'department', scopeId: 'parks' }]), false, false],
      ['moderator', person('m', [{ role: 'moderator', scopeKind: 'channel', scopeId: 'c1' }]), false, false],
      ['suspended staff', person('s', [{ role: 'staff', scopeKind: null, scopeId: null }], 'suspended'), false, false],
    ];
    for (const [who, actor, link, expected] of table) expect([who, canReadRequest(actor, works, link)]).toEqual([who, expected]);
  });

  it('shows contact details to the handling staff only, never to the requester or a link holder', () => {
    expect(canSeeRequesterContact(person('rosa'), works)).toBe(false);
    expect(canSeeRequesterContact(null, works)).toBe(false);
    expect(canSeeRequesterContact(person('l', [{ role: 'liaison', scopeKind: 'department', scopeId: 'works' }]), works)).toBe(true);
  });

  it('lets anyone file, anonymous included', () => {
    expect(canFileRequest(null)).toBe(true);
    expect(canFileRequest(person('rosa'))).toBe(true);
  });
});

describe('public codes, links and photos', () => {
  it('makes 8-character codes from the unambiguous alphabet, accepted case-insensitively', () => {
    const codes = new Set(Array.from({ length: 500 }, newPublicCode));
    expect(codes.size).toBe(500);
    for (const code of codes) expect(code).toMatch(/^[2-9A-HJKMNP-TW-Z]{8}$/);
    expect(PublicCodeSchema.safeParse('abcd2345').success).toBe(true);
    expect(PublicCodeSchema.safeParse('ABCD0O1I').success).toBe(false);
  });

  it('checks a tracking token against its hash', () => {
    expect(tokenMatches('secret-token', hashToken('secret-token'))).toBe(true);
    expect(tokenMatches('secret-tokem', hashToken('secret-token'))).toBe(false);
    expect(tokenMatches(null, hashToken('x'))).toBe(false);
    expect(tokenMatches('x', null)).toBe(false);
  });

  it('recognises JPEG, PNG and WebP by their bytes only', () => {
    expect(sniffImage(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(sniffImage(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe('image/png');
    expect(sniffImage(Buffer.from('RIFF\0\0\0\0WEBPVP8 ', 'latin1'))).toBe('image/webp');
    expect(sniffImage(Buffer.from('GIF89a'))).toBeNull();
    expect(sniffImage(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
  });

  it('validates the fixed intake fields: address when the type needs a location, both coordinates or neither', () => {
    const schema = intakeSchema({ locationRequired: true });
    expect(schema.safeParse({ description: 'x' }).success).toBe(false);
    expect(schema.safeParse({ description: 'x', address: 'Main St', latitude: '34,05', longitude: '-118.2' }).success).toBe(true);
    expect(schema.safeParse({ description: 'x', address: 'Main St', latitude: '34' }).success).toBe(false);
    expect(intakeSchema({ locationRequired: false }).safeParse({ description: 'x' }).success).toBe(true);
    expect(answerName('surface')).toBe('a.surface');
  });
});
