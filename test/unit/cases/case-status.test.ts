import { CASE_STATUS_LABELS, FINAL_STATUSES } from '../../../services/cases/case-status';

// The contract's words, as citizens read them (API.md, "Case status").
const CONTRACT_LABELS = {
  registered: 'Zarejestrowana',
  in_progress: 'W toku',
  awaiting_applicant: 'Oczekuje na uzupełnienie',
  suspended: 'Zawieszona',
  resolved: 'Załatwiona',
  transferred: 'Przekazana wg właściwości',
  discontinued: 'Umorzona',
};

describe('case status labels', () => {
  test('when the labels are read, then all seven statuses have exactly the contract\'s Polish label and there are no others', () => {
    expect({ ...CASE_STATUS_LABELS }).toStrictEqual(CONTRACT_LABELS);
  });

  test('when the final statuses are read, then they are exactly resolved, transferred and discontinued', () => {
    expect([...FINAL_STATUSES].sort()).toEqual(['discontinued', 'resolved', 'transferred']);
    expect(new Set(FINAL_STATUSES).size).toBe(FINAL_STATUSES.length);
  });
});
