import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { until } from '../../test/element-helpers';
import type { SkMenu } from './sk-menu';
import './sk-menu';

const deepActive = () => {
  let a: Element | null = document.activeElement;
  while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
  return a;
};

async function mount() {
  const wrapper = await fixture<HTMLElement>(html`<div>
    <button id="before">before</button>
    <sk-menu label="More actions">
      <button id="edit">Edit</button>
      <button id="off" disabled>Off</button>
      <button id="delete">Delete</button>
    </sk-menu>
  </div>`);
  const menu = wrapper.querySelector<SkMenu>('sk-menu')!;
  await menu.updateComplete;
  const trigger = menu.shadowRoot!.querySelector<HTMLButtonElement>('[part=trigger]')!;
  const list = menu.shadowRoot!.querySelector<HTMLElement>('[role=menu]')!;
  return { wrapper, menu, trigger, list, item: (id: string) => wrapper.querySelector<HTMLButtonElement>(`#${id}`)! };
}

describe('<sk-menu>', () => {
  it('opens from the keyboard, moves over the enabled items with the arrows and closes with Escape onto its button', async () => {
    const { trigger, list, item } = await mount();
    expect(list.hidden).to.be.true;
    expect(trigger.getAttribute('aria-expanded')).to.equal('false');
    trigger.focus();
    await sendKeys({ press: 'ArrowDown' });
    expect(list.hidden).to.be.false;
    expect(trigger.getAttribute('aria-expanded')).to.equal('true');
    expect(deepActive()).to.equal(item('edit'));
    await sendKeys({ press: 'ArrowDown' }); // skips the disabled item
    expect(deepActive()).to.equal(item('delete'));
    await sendKeys({ press: 'ArrowDown' }); // wraps
    expect(deepActive()).to.equal(item('edit'));
    await sendKeys({ press: 'End' });
    expect(deepActive()).to.equal(item('delete'));
    await sendKeys({ press: 'Escape' });
    expect(list.hidden).to.be.true;
    expect(deepActive()).to.equal(trigger);
    await sendKeys({ press: 'ArrowUp' }); // opens on the last item
    expect(deepActive()).to.equal(item('delete'));
  });

  it('closes on a click outside, and after an item is chosen with focus back on its button', async () => {
    const { wrapper, menu, trigger, list, item } = await mount();
    trigger.click();
    await menu.updateComplete;
    expect(list.hidden).to.be.false;
    wrapper.querySelector<HTMLElement>('#before')!.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, composed: true }));
    await menu.updateComplete;
    expect(list.hidden).to.be.true;
    trigger.click();
    let focusedWhenChosen: Element | null = null;
    item('edit').addEventListener('click', () => (focusedWhenChosen = deepActive()));
    await menu.updateComplete;
    item('edit').click();
    await menu.updateComplete;
    expect(list.hidden).to.be.true;
    // Focus was on the button before the item's own listener ran: a dialog it opens gives focus back there.
    expect(focusedWhenChosen).to.equal(trigger);
  });
});

describe('<sk-menu> near the screen edge', () => {
  it('opens towards the inside when its button sits at the start of the screen', async () => {
    const { menu, trigger, list } = await mount();
    menu.style.cssText = 'position: fixed; inset-inline-start: 0; top: 0';
    trigger.click();
    await menu.updateComplete;
    await until(() => !list.hidden);
    const box = list.getBoundingClientRect();
    expect(box.left).to.be.at.least(0);
    expect(box.right).to.be.at.most(document.documentElement.clientWidth);
  });
});
