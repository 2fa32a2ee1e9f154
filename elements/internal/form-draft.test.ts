import { expect, fixture, html } from '@open-wc/testing';
import { LitElement } from 'lit';
import { FormDraft } from './form-draft';

interface Values {
  name: string;
  minutes: string;
}

class DraftHost extends LitElement {
  extra = false;
  readonly draft = new FormDraft<Values>(this, { name: '', minutes: '' }, { alsoDirty: () => this.extra, same: (k, a, b) => (k === 'minutes' ? String(a).trim() === String(b).trim() : a === b) });
}
customElements.define('form-draft-host', DraftHost);

describe('FormDraft', () => {
  it('tracks edits against the saved value, reflects sk-dirty, discards and accepts a save', async () => {
    const el = await fixture<DraftHost>(html`<form-draft-host></form-draft-host>`);
    el.draft.accept({ name: 'Ada', minutes: '30' });
    await el.updateComplete;
    expect(el.draft.dirty).to.equal(false);
    expect(el.hasAttribute('sk-dirty')).to.equal(false);

    el.draft.set('minutes', ' 30 ');
    expect(el.draft.dirty).to.equal(false); // the same timeframe, typed with spaces
    el.draft.set('name', 'Ada King');
    await el.updateComplete;
    expect(el.draft.dirty).to.equal(true);
    expect(el.draft.changes()).to.deep.equal({ name: 'Ada King' });
    expect(el.hasAttribute('sk-dirty')).to.equal(true);
    expect(el.draft.keptMessage).to.contain('nothing was lost');

    el.draft.discard();
    await el.updateComplete;
    expect(el.draft.value).to.deep.equal({ name: 'Ada', minutes: '30' });
    expect(el.hasAttribute('sk-dirty')).to.equal(false);

    el.draft.set('name', 'Ada Byron');
    el.draft.accept({ name: 'Ada Byron', minutes: '30' }, { saved: true });
    expect(el.draft.justSaved).to.equal(true);
    expect(el.draft.dirty).to.equal(false);
    el.draft.set('name', 'A');
    expect(el.draft.justSaved).to.equal(false);
  });

  it('counts the host\'s other unsaved input as dirty', async () => {
    const el = await fixture<DraftHost>(html`<form-draft-host></form-draft-host>`);
    el.extra = true;
    el.requestUpdate();
    await el.updateComplete;
    expect(el.draft.dirty).to.equal(true);
    expect(el.hasAttribute('sk-dirty')).to.equal(true);
  });
});
