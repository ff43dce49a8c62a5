import { formatCaseNumber, normaliseCaseNumber, officeYear, parseCaseNumber } from '../../../services/cases/case-number';

describe('officeYear', () => {
  test('when it is New Year\'s Eve 23:30 UTC, then in Warsaw it is already the next year', () => {
    expect(officeYear(new Date('2026-12-31T23:30:00Z'))).toBe(2027);
  });

  test('when it is 22:59 UTC on New Year\'s Eve, then Warsaw is still in the old year', () => {
    expect(officeYear(new Date('2026-12-31T22:59:59Z'))).toBe(2026);
    expect(officeYear(new Date('2026-12-31T23:00:00Z'))).toBe(2027);
  });

  test('when it is the middle of the year, then it is that year', () => {
    expect(officeYear(new Date('2026-06-15T12:00:00Z'))).toBe(2026);
  });
});

describe('case numbers', () => {
  test('when a well-formed number is parsed, then its parts come out and format back to it', () => {
    for (const number of ['GN.6840.12.2026', 'OR-KA.0.1.2027', 'USC.5330.123456789.2026', 'A.1234.7.1999']) {
      const parts = parseCaseNumber(number);
      expect(parts).not.toBeNull();
      expect(formatCaseNumber(parts!)).toBe(number);
    }
    expect(parseCaseNumber('GN.6840.12.2026')).toEqual({ unitSymbol: 'GN', jrwaSymbol: '6840', seq: 12, year: 2026 });
  });

  test.each([
    ['gn.6840.12.2026'],
    ['GN.6840.0.2026'],
    ['GN.6840.012.2026'],
    ['GN.68401.1.2026'],
    ['GN.6840.1.26'],
    ['TOOLONG.6840.1.2026'],
    ['GN-.6840.1.2026'],
    ['GN 6840 1 2026'],
    [' GN.6840.1.2026'],
    [''],
  ])('when %p is parsed, then it is not a case number', (value) => {
    expect(parseCaseNumber(value)).toBeNull();
  });

  test('when typed input has spaces and small letters, then normalising trims and upper-cases it', () => {
    expect(normaliseCaseNumber('  gn.6840.12.2026 \n')).toBe('GN.6840.12.2026');
    expect(parseCaseNumber(normaliseCaseNumber(' or-ka.6840.3.2026 '))).toEqual({ unitSymbol: 'OR-KA', jrwaSymbol: '6840', seq: 3, year: 2026 });
  });
});
