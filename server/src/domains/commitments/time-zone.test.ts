import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  canonicalTimeZone,
  DAY_MS,
  epochDayOfIsoDate,
  isoDateOfEpochDay,
  weekdayOfEpochDay,
  zoneClock,
} from './time-zone.ts';

const wall = (iso: string): number => Date.parse(`${iso}Z`);
const iso = (ms: number): string => new Date(ms).toISOString();

describe('ZoneClock', () => {
  const warsaw = zoneClock('Europe/Warsaw');

  it('reads offsets on both sides of a change', () => {
    assert.equal(warsaw.offsetAt(Date.parse('2026-03-29T00:59:59.999Z')), 3_600_000);
    assert.equal(warsaw.offsetAt(Date.parse('2026-03-29T01:00:00Z')), 7_200_000);
    assert.equal(zoneClock('Asia/Kathmandu').offsetAt(Date.parse('2026-01-01T00:00:00Z')), 20_700_000);
  });

  it('maps ordinary, skipped and repeated wall times', () => {
    assert.equal(iso(warsaw.instantOf(wall('2026-03-29T01:30'))), '2026-03-29T00:30:00.000Z');
    // 02:00–02:59 does not exist on 29 March: it maps to the change, 03:00 CEST.
    assert.equal(iso(warsaw.instantOf(wall('2026-03-29T02:00'))), '2026-03-29T01:00:00.000Z');
    assert.equal(iso(warsaw.instantOf(wall('2026-03-29T02:45'))), '2026-03-29T01:00:00.000Z');
    assert.equal(iso(warsaw.instantOf(wall('2026-03-29T03:00'))), '2026-03-29T01:00:00.000Z');
    // 02:00–02:59 happens twice on 25 October: the first time (CEST) is taken.
    assert.equal(iso(warsaw.instantOf(wall('2026-10-25T02:30'))), '2026-10-25T00:30:00.000Z');
    assert.equal(iso(warsaw.instantOf(wall('2026-10-25T03:00'))), '2026-10-25T02:00:00.000Z');
    // Lord Howe moves by half an hour.
    const lordHowe = zoneClock('Australia/Lord_Howe');
    assert.equal(iso(lordHowe.instantOf(wall('2026-10-04T02:15'))), '2026-10-03T15:30:00.000Z');
  });

  it('reads local dates', () => {
    assert.equal(isoDateOfEpochDay(warsaw.epochDayAt(Date.parse('2026-06-30T22:30:00Z'))), '2026-07-01');
    assert.equal(weekdayOfEpochDay(epochDayOfIsoDate('2026-03-29')!), 0);
    assert.equal(epochDayOfIsoDate('1970-01-02'), 1);
    assert.equal(epochDayOfIsoDate('2026-02-29'), null);
    assert.equal(isoDateOfEpochDay(-1), '1969-12-31');
    assert.equal(DAY_MS, 86_400_000);
  });

  it('knows zone names and not offsets', () => {
    assert.equal(canonicalTimeZone('america/new_york'), 'America/New_York');
    assert.equal(canonicalTimeZone('+03:00'), null);
    assert.equal(canonicalTimeZone('Atlantis/Capital'), null);
  });
});
