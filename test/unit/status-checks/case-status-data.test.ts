import type { CaseSummaryRecord } from '../../../services/cases/case.repository';
import { caseStatusData } from '../../../services/status-checks/status-check-answer';
import type { StatusCheckAnswerSource } from '../../../services/status-checks/status-check.repository';

const request: StatusCheckAnswerSource['request'] = {
  id: '6f1c1f8e-3b7a-4c55-9a43-2f3f0d2d9c11',
  userId: '0d7e1a52-5a55-4a8e-8f6e-0c3c1b1d2e3f',
  caseNumber: 'GN.6840.12.2026',
  status: 'queued',
  requestedAt: new Date('2026-03-10T09:00:00.000Z'),
};

const record: CaseSummaryRecord = {
  id: 'c0a8012e-0000-4000-8000-000000000001',
  number: 'GN.6840.12.2026',
  title: 'Wniosek o wydanie zaświadczenia',
  status: 'in_progress',
  startedAt: new Date('2026-03-02T08:00:00.000Z'),
  endedAt: null,
  dueAt: new Date('2026-03-31T21:59:59.999Z'),
  pausedSince: null,
  unit: { id: 'u1', symbol: 'GN', name: 'Wydział Gospodarki Nieruchomościami', phone: '+48 61 000 00 00', email: 'gn@urzad.example' },
  responsible: { firstName: 'Anna', lastName: 'Nowak' },
  resolutionMedian: { medianSeconds: null, sampleSize: 0 },
};

const history: StatusCheckAnswerSource['history'] = [
  { status: 'registered', note: 'Sprawa zarejestrowana', changedAt: new Date('2026-03-02T08:00:00.000Z') },
  { status: 'in_progress', note: null, changedAt: new Date('2026-03-03T10:30:00.000Z') },
];

describe('the data of a case_status answer', () => {
  test('when the case is not linked to the citizen (missing or someone else\'s), then the data says only that, in one shape', () => {
    expect(caseStatusData({ request, case: null, history: [] })).toEqual({ requestId: request.id, caseNumber: 'GN.6840.12.2026', found: false });
  });

  test('when the case is linked, then the data has its dates, unit, responsible person, status and history oldest first', () => {
    const data = caseStatusData({ request, case: record, history }, new Date('2026-03-10T09:00:00.000Z'));
    expect(data).toEqual({
      requestId: request.id,
      caseNumber: 'GN.6840.12.2026',
      found: true,
      startedAt: '2026-03-02T08:00:00.000Z',
      endedAt: null,
      unitName: 'Wydział Gospodarki Nieruchomościami',
      unitPhone: '+48 61 000 00 00',
      unitEmail: 'gn@urzad.example',
      responsiblePerson: 'Anna Nowak',
      status: 'in_progress',
      statusLabel: 'W toku',
      dueAt: '2026-03-31T21:59:59.999Z',
      overdue: false,
      history: [
        { status: 'registered', statusLabel: 'Zarejestrowana', note: 'Sprawa zarejestrowana', changedAt: '2026-03-02T08:00:00.000Z' },
        { status: 'in_progress', statusLabel: 'W toku', note: null, changedAt: '2026-03-03T10:30:00.000Z' },
      ],
    });
  });

  test('when the deadline has passed and the case runs, then it is overdue; paused or without a responsible person it is not and has none', () => {
    const late = new Date('2026-04-01T08:00:00.000Z');
    expect(caseStatusData({ request, case: record, history }, late)).toMatchObject({ found: true, overdue: true });
    const paused = { ...record, status: 'suspended' as const, pausedSince: new Date('2026-03-20T08:00:00.000Z'), responsible: null };
    expect(caseStatusData({ request, case: paused, history }, late)).toMatchObject({ found: true, overdue: false, responsiblePerson: null, statusLabel: 'Zawieszona' });
  });
});
