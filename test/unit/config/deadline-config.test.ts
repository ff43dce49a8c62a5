import { ConfigError, parseConfig } from '../../../config/config';

const DEV = { NODE_ENV: 'development' };

/** The lines of the ConfigError that parsing `env` throws. */
function errorLines(env: Record<string, string>): string[] {
  try {
    parseConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).lines;
  }
  throw new Error('parseConfig did not throw');
}

describe('the deadline scan configuration', () => {
  test('when nothing is set, then the scan runs at 07:00 and reminds of cases due within 3 working days', () => {
    expect(parseConfig(DEV).deadlines).toEqual({ scanCron: '0 7 * * *', reminderDays: 3 });
  });

  test.each(['*/15 6-18 * * 1-5', '0 0 7 * * *', '@daily', ' 30 6 * * * '])('when DEADLINE_SCAN_CRON is %p, then it is accepted (trimmed)', (pattern) => {
    expect(parseConfig({ ...DEV, DEADLINE_SCAN_CRON: pattern }).deadlines.scanCron).toBe(pattern.trim());
  });

  test.each(['every morning', '0 25 * * *', '61 * * * *', '0 7 * *', '0 7 31 2 *', '0 0 7 * * * 2026'])(
    'when DEADLINE_SCAN_CRON is %p, then the process stops with one line naming it',
    (pattern) => {
      const lines = errorLines({ ...DEV, DEADLINE_SCAN_CRON: pattern });
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^DEADLINE_SCAN_CRON: /);
    },
  );

  test('when DEADLINE_REMINDER_DAYS is 10, then officials hear of cases due within 10 working days', () => {
    expect(parseConfig({ ...DEV, DEADLINE_REMINDER_DAYS: '10' }).deadlines.reminderDays).toBe(10);
  });

  test.each(['0', '-1', '2.5', 'three'])('when DEADLINE_REMINDER_DAYS is %p, then the process stops with one line naming it', (days) => {
    const lines = errorLines({ ...DEV, DEADLINE_REMINDER_DAYS: days });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^DEADLINE_REMINDER_DAYS: /);
  });
});
