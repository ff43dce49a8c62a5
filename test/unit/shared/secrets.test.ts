import { crockfordBase32, normaliseCrockford, openSecret, sameDigest, sealSecret } from '../../../services/shared/secrets';

describe('crockfordBase32', () => {
  test('when bytes are encoded, then 5 bits become one symbol, most significant first', () => {
    expect(crockfordBase32(Buffer.from([0x00, 0x00, 0x00, 0x00, 0x00]), 8)).toBe('00000000');
    expect(crockfordBase32(Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff]), 8)).toBe('ZZZZZZZZ');
    // 0x08 0x42 ... : 00001 00001 00001 ...
    expect(crockfordBase32(Buffer.from([0x08, 0x42, 0x10, 0x84, 0x21]), 8)).toBe('11111111');
    // "f" = 0x66 = 01100 110(00): C, R
    expect(crockfordBase32(Buffer.from('f'), 2)).toBe('CR');
  });

  test('when fewer symbols are asked for than the bytes hold, then the output stops there', () => {
    expect(crockfordBase32(Buffer.alloc(32, 0xff), 16)).toBe('Z'.repeat(16));
  });

  test('when 10 random bytes are encoded to 16 symbols, then only Crockford symbols appear', () => {
    for (let i = 0; i < 50; i++) {
      const out = crockfordBase32(Buffer.from(Array.from({ length: 10 }, () => Math.floor(Math.random() * 256))), 16);
      expect(out).toMatch(/^[0-9ABCDEFGHJKMNPQRSTVWXYZ]{16}$/);
    }
  });
});

describe('normaliseCrockford', () => {
  test('when input is in lower case with dashes and spaces, then it becomes upper case without them', () => {
    expect(normaliseCrockford(' abcd-efgh  jkmn-pqrs ')).toBe('ABCDEFGHJKMNPQRS');
  });

  test('when look-alike letters are typed, then O becomes 0 and I and L become 1', () => {
    expect(normaliseCrockford('oOiIlL')).toBe('001111');
  });

  test('when input is already normal, then it is unchanged', () => {
    expect(normaliseCrockford('7H3K-9QWZ')).toBe('7H3K9QWZ');
  });
});

describe('sameDigest', () => {
  test('when two hex digests are equal, then true; when they differ or differ in length, then false', () => {
    expect(sameDigest('abcd', 'abcd')).toBe(true);
    expect(sameDigest('abcd', 'abce')).toBe(false);
    expect(sameDigest('abcd', 'abcdef')).toBe(false);
  });
});

describe('sealSecret / openSecret (two-step login secrets)', () => {
  test('when a secret is sealed, then it opens to the same value, and two seals of it differ (random IV)', () => {
    const a = sealSecret('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP');
    const b = sealSecret('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP');
    expect(a).not.toBe(b);
    expect(a).not.toContain('JBSWY3DP');
    expect(openSecret(a)).toBe('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP');
  });

  test('when a sealed secret is altered or malformed, then it does not open', () => {
    const sealed = sealSecret('JBSWY3DPEHPK3PXP');
    const parts = sealed.split('.');
    const flipped = Buffer.from(parts[3], 'base64url');
    flipped[0] ^= 1;
    expect(() => openSecret([parts[0], parts[1], parts[2], flipped.toString('base64url')].join('.'))).toThrow();
    expect(() => openSecret('v2.a.b.c')).toThrow();
    expect(() => openSecret('zepsute')).toThrow();
  });
});
