import { mayChangeCase } from '../../../services/office/case-change-rights';

describe('mayChangeCase (the unit rule)', () => {
  test('when an official belongs to the case unit, then they may change it', () => {
    expect(mayChangeCase({ role: 'official', unitId: 'u1' }, 'u1')).toBe(true);
  });

  test('when an official belongs to another unit or none, then they may not', () => {
    expect(mayChangeCase({ role: 'official', unitId: 'u2' }, 'u1')).toBe(false);
    expect(mayChangeCase({ role: 'official', unitId: null }, 'u1')).toBe(false);
  });

  test('when the actor is an admin, then any case may be changed', () => {
    expect(mayChangeCase({ role: 'admin', unitId: null }, 'u1')).toBe(true);
  });

  test('when the actor is the filing office or a citizen, then no case may be changed, even with a matching unit', () => {
    expect(mayChangeCase({ role: 'registrar', unitId: 'u1' }, 'u1')).toBe(false);
    expect(mayChangeCase({ role: 'citizen', unitId: 'u1' }, 'u1')).toBe(false);
  });
});
