import { CASE_STATUS_LABELS, FINAL_STATUSES, isOverdue, RUNNING_STATUSES, statusList } from '../../../services/cases/case-status';

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

describe('isOverdue (the contract: not final, not paused, dueAt passed)', () => {
  const now = new Date('2026-05-05T10:00:00.000Z');
  const past = new Date('2026-05-04T21:59:59.999Z');
  const future = new Date('2026-05-05T21:59:59.999Z');
  test.each([
    ['in_progress', past, true],
    ['registered', past, true],
    ['in_progress', future, false],
    ['suspended', past, false],
    ['awaiting_applicant', past, false],
    ['resolved', past, false],
    ['in_progress', null, false],
  ] as const)('when a case is %s and due %p, then overdue is %s', (status, dueAt, overdue) => {
    expect(isOverdue(status, dueAt, now)).toBe(overdue);
  });
});

describe('RUNNING_STATUSES', () => {
  test('when the deadline runs, then the case is registered or in progress (the partial index cases_running_due says the same)', () => {
    expect(RUNNING_STATUSES).toEqual(['registered', 'in_progress']);
    expect(statusList(RUNNING_STATUSES)).toBe("'registered', 'in_progress'");
  });
});
