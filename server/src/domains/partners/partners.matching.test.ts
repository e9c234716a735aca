import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bestPartner, isCountryCode, normalizeSpecialization, scorePartner } from './partners.matching.ts';

const partner = (name: string, specializations: string[], regions: string[] = [], satisfied = 0) => ({
  id: name,
  name,
  specializations,
  regions,
  satisfied,
});
const request = { category: 'other', tags: [] as string[], subject: '', country: null as string | null };

describe('partner matching', () => {
  it('scores category, tags and words of the subject, and requires one of them', () => {
    const kitchens = partner('K', ['kitchen-installation', 'other']);
    assert.equal(scorePartner(kitchens, request), 3);
    assert.equal(scorePartner(kitchens, { ...request, category: 'billing', tags: ['Kitchen installation'] }), 2);
    assert.equal(
      scorePartner(kitchens, { ...request, category: 'billing', subject: 'Kitchen installation, please!' }),
      1,
    );
    assert.equal(scorePartner(kitchens, { ...request, category: 'billing', subject: 'kitchen-installations' }), null);
    assert.equal(scorePartner(kitchens, { ...request, category: 'billing' }), null);
  });

  it('prefers partners serving the customer’s country and drops those serving only elsewhere', () => {
    const input = { ...request, tags: ['plumbing'], country: 'PL' };
    assert.equal(scorePartner(partner('PL', ['plumbing'], ['PL']), input), 4);
    assert.equal(scorePartner(partner('anywhere', ['plumbing']), input), 2);
    assert.equal(scorePartner(partner('RO', ['plumbing'], ['RO']), input), null);
    assert.equal(scorePartner(partner('RO', ['plumbing'], ['RO']), { ...input, country: null }), 2);
  });

  it('breaks ties by satisfied customers, then by name', () => {
    const input = { ...request, tags: ['plumbing'] };
    const a = partner('Alpha', ['plumbing']);
    const b = partner('Beta', ['plumbing'], [], 3);
    assert.equal(bestPartner([a, b], input)?.name, 'Beta');
    assert.equal(bestPartner([partner('Zeta', ['plumbing']), a], input)?.name, 'Alpha');
    assert.equal(bestPartner([a, b], { ...request, tags: ['roofing'] }), undefined);
  });

  it('knows ISO country codes and normalizes specializations', () => {
    assert.ok(isCountryCode('PL') && isCountryCode('MD') && isCountryCode('GB'));
    assert.ok(!isCountryCode('UK') && !isCountryCode('XX') && !isCountryCode('pl') && !isCountryCode('EU'));
    assert.equal(normalizeSpecialization('  Kitchen  Installation '), 'kitchen-installation');
  });
});
