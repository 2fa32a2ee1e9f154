import { expect } from '@open-wc/testing';
import { customElement, defineElement } from './define';

describe('defineElement', () => {
  it('registers a tag once; a second registration (the kit loaded twice) is a no-op, not an error', () => {
    class First extends HTMLElement {}
    class Second extends HTMLElement {}
    defineElement('sk-define-sample', First);
    expect(() => defineElement('sk-define-sample', Second)).not.to.throw();
    expect(customElements.get('sk-define-sample')).to.equal(First);
  });

  it('is what @customElement of the kit calls', () => {
    class Decorated extends HTMLElement {}
    const returned = customElement('sk-define-decorated')(Decorated);
    expect(returned).to.equal(Decorated);
    expect(customElements.get('sk-define-decorated')).to.equal(Decorated);
    expect(() => customElement('sk-define-decorated')(class extends HTMLElement {})).not.to.throw();
  });
});
