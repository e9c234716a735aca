import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { asksToEscalate } from './escalation-request.ts';

describe('a reply that asks to go higher', () => {
  it('recognises explicit requests in the four languages', () => {
    for (const text of [
      'This is the third time. I want to speak to a manager.',
      'Please escalate this to your supervisor.',
      'Прошу передать моё обращение руководителю.',
      'Позовите, пожалуйста, руководителя отдела.',
      'Proszę o kontakt z kierownikiem działu.',
      'Żądam rozmowy z przełożonym.',
      'Vreau să vorbesc cu un manager.',
      'Solicit escaladarea cazului.',
    ]) {
      assert.equal(asksToEscalate(text), true, text);
    }
  });

  it('does not fire on a mere mention or an ordinary reply', () => {
    for (const text of [
      'My manager ordered this chair for the office.',
      'Thank you, the parcel arrived today.',
      'Руководитель нашего отдела доволен покупкой.',
      'Kierownik sklepu był bardzo miły.',
      'Managerul meu a comandat produsul.',
      'Here is the photo of the label.',
    ]) {
      assert.equal(asksToEscalate(text), false, text);
    }
  });
});
