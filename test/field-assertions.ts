import { expect } from '@open-wc/testing';

/**
 * A wrong input is marked `aria-invalid=true` and names its visible error (a `.field-error`
 * containing `text`) in `aria-describedby`, so a screen reader reads the reason with the field.
 */
export function expectTiedToError(root: ShadowRoot, selector: string, text: string) {
  const input = root.querySelector<HTMLInputElement>(selector);
  expect(input, selector).to.exist;
  expect(input!.getAttribute('aria-invalid')).to.equal('true');
  const ids = (input!.getAttribute('aria-describedby') ?? '').split(' ');
  const error = ids.map((id) => root.getElementById(id)).find((node) => node?.classList.contains('field-error'));
  expect(error, `${selector} names its error`).to.exist;
  expect(error!.textContent).to.contain(text);
}
