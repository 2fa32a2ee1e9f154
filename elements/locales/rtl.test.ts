import { expect, fixture, html } from '@open-wc/testing';
import type { SignInForm } from '../sign-in-form/sign-in-form';
import '../sign-in-form/sign-in-form';

/** Where a text sits in its block: the gap from the block's left edge and from its right edge. */
function gaps(block: Element) {
  const range = document.createRange();
  range.selectNodeContents(block);
  const text = range.getBoundingClientRect();
  const box = block.getBoundingClientRect();
  return { left: text.left - box.left, right: box.right - text.right };
}

describe('right-to-left host page', () => {
  it('lays a rendered element out from the right, and keeps addresses left to right', async () => {
    const page = await fixture<HTMLElement>(html`<div dir="rtl" style="width: 480px"><sign-in-form></sign-in-form></div>`);
    const el = page.querySelector<SignInForm>('sign-in-form')!;
    await el.updateComplete;
    const root = el.shadowRoot!;
    // A field's label (the heading is centred, so it would show no side).
    const label = root.querySelector('label[for=email]')!;
    expect(getComputedStyle(label).direction).to.equal('rtl');
    const { left, right } = gaps(label);
    expect(right).to.be.lessThan(1);
    expect(left).to.be.greaterThan(100);
    expect(getComputedStyle(root.querySelector('input#email')!).direction).to.equal('ltr');
    expect(getComputedStyle(root.querySelector('input#password')!).direction).to.equal('rtl');
  });

  it('starts from the left on a left-to-right page', async () => {
    const page = await fixture<HTMLElement>(html`<div dir="ltr" style="width: 480px"><sign-in-form></sign-in-form></div>`);
    const el = page.querySelector<SignInForm>('sign-in-form')!;
    await el.updateComplete;
    const { left, right } = gaps(el.shadowRoot!.querySelector('label[for=email]')!);
    expect(left).to.be.lessThan(1);
    expect(right).to.be.greaterThan(100);
  });
});
