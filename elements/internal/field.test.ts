import { expect, fixture, html } from '@open-wc/testing';
import { ifDefined } from 'lit/directives/if-defined.js';
import { checkField, field, type FieldControl } from './field';

const box = (a: FieldControl) => html`<input id=${a.id} type="checkbox" aria-invalid=${a.invalid} aria-describedby=${ifDefined(a.describedBy)} />`;

describe('field() and checkField()', () => {
  it('puts a checkbox before its label and ties its hint and error to it', async () => {
    const el = await fixture(html`<div>${checkField({ id: 'agree', label: 'I agree', hint: 'You can change this later.', error: 'Tick this to go on.', control: box })}</div>`);
    const wrapper = el.querySelector('.check-field')!;
    expect([...wrapper.children].map((c) => c.tagName)).to.deep.equal(['INPUT', 'LABEL', 'DIV', 'DIV']);
    const input = el.querySelector('input')!;
    expect(el.querySelector('label')!.htmlFor).to.equal('agree');
    expect(input.getAttribute('aria-describedby')).to.equal('agree-error agree-hint');
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    expect(el.querySelector('#agree-error')!.textContent).to.equal('Tick this to go on.');
    expect(el.querySelector('#agree-hint')!.textContent).to.equal('You can change this later.');
    await expect(el).to.be.accessible();
  });

  it('describes a checkbox by nothing when it has no hint or error', async () => {
    const el = await fixture(html`<div>${checkField({ id: 'show', label: 'Show', control: box })}</div>`);
    expect(el.querySelector('input')!.hasAttribute('aria-describedby')).to.equal(false);
    expect(el.querySelector('input')!.getAttribute('aria-invalid')).to.equal('false');
    expect(el.querySelectorAll('.check-field > div')).to.have.length(0);
  });

  it('puts a text field after its label, with the error announced when asked', async () => {
    const el = await fixture(html`<div>${field({ id: 'name', label: 'Name', error: 'Enter a name.', errorRole: 'alert', control: (a) => html`<input id=${a.id} aria-describedby=${ifDefined(a.describedBy)} />` })}</div>`);
    expect([...el.querySelector('.field')!.children].map((c) => c.tagName)).to.deep.equal(['LABEL', 'INPUT', 'DIV']);
    expect(el.querySelector('#name-error')!.getAttribute('role')).to.equal('alert');
    expect(el.querySelector('input')!.getAttribute('aria-describedby')).to.equal('name-error');
  });
});
