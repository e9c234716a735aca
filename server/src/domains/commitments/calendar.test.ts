import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_CALENDAR, validateCalendar } from './calendar.ts';

const fieldsOf = (input: unknown): string[] => {
  const result = validateCalendar(input);
  return result.ok ? [] : result.errors.map((error) => error.field);
};

describe('validateCalendar', () => {
  it('normalises a good calendar: canonical zone, every weekday, sorted intervals and holidays', () => {
    const result = validateCalendar({
      timeZone: 'europe/warsaw',
      weekly: {
        1: [
          { start: '14:00', end: '18:00' },
          { start: '09:00', end: '13:00' },
        ],
        6: [{ start: '22:00', end: '24:00' }],
      },
      holidays: ['2026-12-25', '2026-05-01', '2026-12-25'],
    });
    assert.ok(result.ok);
    assert.deepEqual(result.calendar, {
      timeZone: 'Europe/Warsaw',
      weekly: {
        0: [],
        1: [
          { start: '09:00', end: '13:00' },
          { start: '14:00', end: '18:00' },
        ],
        2: [],
        3: [],
        4: [],
        5: [],
        6: [{ start: '22:00', end: '24:00' }],
      },
      holidays: ['2026-05-01', '2026-12-25'],
    });
    assert.ok(Object.isFrozen(result.calendar.weekly[1][0]));
  });

  it('accepts its own default and touching intervals', () => {
    assert.ok(validateCalendar(DEFAULT_CALENDAR).ok);
    const touching = {
      1: [
        { start: '09:00', end: '12:00' },
        { start: '12:00', end: '17:00' },
      ],
    };
    assert.ok(validateCalendar({ timeZone: 'UTC', weekly: touching, holidays: [] }).ok);
  });

  it('refuses unknown zones and fixed offsets', () => {
    for (const timeZone of ['Mars/Olympus', '+01:00', 'GMT+1', '', 42]) {
      assert.deepEqual(fieldsOf({ timeZone, weekly: {}, holidays: [] }), ['/timeZone'], String(timeZone));
    }
  });

  it('refuses bad times, reversed, empty and overlapping intervals', () => {
    const weekly = {
      1: [{ start: '9:00', end: '17:00' }],
      2: [{ start: '24:00', end: '24:00' }],
      3: [{ start: '17:00', end: '09:00' }],
      4: [{ start: '10:00', end: '10:00' }],
      5: [
        { start: '09:00', end: '13:00' },
        { start: '12:30', end: '18:00' },
      ],
      6: [{ start: '09:00', end: '00:00' }],
    };
    assert.deepEqual(fieldsOf({ timeZone: 'UTC', weekly, holidays: [] }), [
      '/weekly/1/0/start',
      '/weekly/2/0/start',
      '/weekly/3/0',
      '/weekly/4/0',
      '/weekly/5/1',
      '/weekly/6/0/end',
    ]);
  });

  it('refuses bad dates, unknown weekdays and unknown fields', () => {
    assert.deepEqual(
      fieldsOf({
        timeZone: 'UTC',
        weekly: { 7: [], 1: [{ start: '09:00', end: '17:00', note: 'x' }] },
        holidays: ['2026-02-29', '2026-1-5', 20260101, '2028-02-29'],
        holiday: [],
      }),
      ['/holiday', '/weekly/7', '/weekly/1/0/note', '/holidays/0', '/holidays/1', '/holidays/2'],
    );
    assert.deepEqual(fieldsOf(null), ['']);
    assert.deepEqual(fieldsOf({ timeZone: 'UTC', weekly: [], holidays: {} }), ['/weekly', '/holidays']);
  });
});
