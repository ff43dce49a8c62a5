import { mayReadAtOffice } from '../../../services/submissions/submission-access';
import { attachmentSchema, plainLine, submissionTitle } from '../../../services/submissions/submission.schemas';

describe('mayReadAtOffice', () => {
  const unit = 'unit-a';
  test.each([
    ['registrar', null, null, true],
    ['registrar', null, unit, true],
    ['admin', null, null, true],
    ['official', unit, unit, true],
    ['official', unit, 'unit-b', false],
    ['official', unit, null, false],
    ['official', null, null, false],
    ['citizen', null, unit, false],
  ] as const)('when a %s of unit %p reads a letter of a case of unit %p, then %p', (role, unitId, caseUnitId, allowed) => {
    expect(mayReadAtOffice({ role, unitId }, caseUnitId)).toBe(allowed);
  });
});

describe('plainLine and the title and file name schemas', () => {
  test.each([
    ['report.pdf\u202Egpj.exe', 'report.pdfgpj.exe'],
    ['\u2066a\u2069\u2067b\u2068', 'ab'],
    ['\u200eL\u200fR\u061c', 'LR'],
    ['a\u202a\u202b\u202c\u202db', 'ab'],
    ['dzwonek\u0007 i \u007fDEL\u0085', 'dzwonek i DEL'],
    ['linia\r\nnowa\tkarta\u2028x', 'linia nowa karta x'],
    ['Zażółć gęślą jaźń', 'Zażółć gęślą jaźń'],
  ])('when a line is %j, then it is stored as %j', (input, output) => {
    expect(plainLine(input)).toBe(output);
  });

  test('when a title is only hidden characters or too long after cleaning, then it is refused; otherwise it is cleaned and trimmed', () => {
    expect(submissionTitle.safeParse('\u202e\u0001 ').success).toBe(false);
    expect(submissionTitle.safeParse('x'.repeat(201)).success).toBe(false);
    expect(submissionTitle.parse(' \u202eWniosek\u0000 ')).toBe('Wniosek');
  });

  test('when a file name has a path, then it is refused; a hidden override is dropped', () => {
    const file = { contentType: 'application/pdf', dataBase64: 'AAAA' };
    expect(attachmentSchema.safeParse({ ...file, filename: '../etc/passwd' }).success).toBe(false);
    expect(attachmentSchema.parse({ ...file, filename: 'skan\u202e.pdf' }).filename).toBe('skan.pdf');
  });
});
