import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderTemplate, TemplateError, templateVariables, validateTemplate } from './templates.ts';

describe('templates', () => {
  it('lists the variables a template reads, including inside blocks', () => {
    assert.deepEqual(
      templateVariables(
        'Hello {{customer.name}}, {{#if case.number}}case #{{case.number}}{{/if}} {{date commitment.dueAt}}',
      ),
      ['case.number', 'commitment.dueAt', 'customer.name'],
    );
  });

  it('refuses an unknown variable at save time, naming it', () => {
    assert.throws(
      () => validateTemplate('body', 'Hi {{customer.nmae}}', ['customer.name']),
      (error: unknown) => error instanceof TemplateError && /customer\.nmae/.test(error.message),
    );
    assert.throws(() => validateTemplate('body', 'Hi {{#if}}', ['x']), TemplateError);
    validateTemplate('body', 'Hi {{customer.name}}', ['customer.name']);
  });

  it('renders text without HTML escaping and formats dates in the language', () => {
    assert.equal(
      renderTemplate('Dear {{name}} <{{email}}>', { name: 'Ана & Co', email: 'a@b.c' }),
      'Dear Ана & Co <a@b.c>',
    );
    const text = renderTemplate('{{date due}}', { due: '2026-01-05T10:00:00Z', language: 'pl' });
    assert.match(text, /stycznia 2026/);
  });
});
