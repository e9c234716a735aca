import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { detectLanguage, foldRomanian } from './cases.language.ts';

describe('detectLanguage', () => {
  it('tells the four languages apart on realistic messages', () => {
    assert.equal(
      detectLanguage('Hello, my order has not arrived yet and I would like to know when it will be delivered.'),
      'en',
    );
    assert.equal(detectLanguage('Здравствуйте! Мой заказ до сих пор не доставлен, когда его привезут?'), 'ru');
    assert.equal(detectLanguage('Dzień dobry, moje zamówienie jeszcze nie dotarło. Kiedy zostanie dostarczone?'), 'pl');
    assert.equal(detectLanguage('Bună ziua, comanda mea nu a ajuns încă. Când va fi livrată?'), 'ro');
  });

  it('falls back on the script for short texts and gives up on ambiguous ones', () => {
    assert.equal(detectLanguage('Привет'), 'ru');
    assert.equal(detectLanguage('ok'), undefined);
  });

  it('folds Romanian cedilla letters to comma letters', () => {
    assert.equal(foldRomanian('Aştept rambursarea ţepei'), 'Aștept rambursarea țepei');
  });
});
