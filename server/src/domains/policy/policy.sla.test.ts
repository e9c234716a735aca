import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_CALENDAR, validateCalendar } from '../commitments/calendar.ts';
import { describeOpeningHours } from './policy.sla.ts';

test('opening hours read as ranges of days in the reader’s language', () => {
  assert.equal(describeOpeningHours(DEFAULT_CALENDAR, 'en'), 'Working hours: Monday–Friday 09:00–17:00 (UTC).');
  assert.equal(describeOpeningHours(DEFAULT_CALENDAR, 'pl'), 'Godziny pracy: poniedziałek–piątek 09:00–17:00 (UTC).');
  const result = validateCalendar({
    timeZone: 'Europe/Bucharest',
    weekly: {
      1: [{ start: '08:00', end: '16:00' }],
      2: [{ start: '08:00', end: '16:00' }],
      3: [
        { start: '08:00', end: '12:00' },
        { start: '13:00', end: '17:00' },
      ],
      5: [{ start: '08:00', end: '16:00' }],
      6: [{ start: '10:00', end: '14:00' }],
    },
    holidays: [],
  });
  assert.ok(result.ok);
  assert.equal(
    describeOpeningHours(result.calendar, 'ro'),
    'Program: luni–marți 08:00–16:00; miercuri 08:00–12:00, 13:00–17:00; vineri 08:00–16:00; sâmbătă 10:00–14:00 (Europe/Bucharest).',
  );
});
