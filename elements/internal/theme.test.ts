import { expect, fixture, html } from '@open-wc/testing';
import { LitElement } from 'lit';
import { controls, tokens } from './theme';

/** Every text style of the shared controls, on the background it sits on. */
class ThemeSample extends LitElement {
  static override styles = [tokens, controls];
  override render() {
    return html`<div class="page" style="background: var(--_bg); padding: 8px">
      <p id="text-on-bg">Text</p>
      <p id="muted-on-bg" class="muted">Muted</p>
      <button id="link-on-bg" class="link">Link</button>
      <div class="card">
        <p id="text-on-surface">Text</p>
        <p id="muted-on-surface" class="muted">Muted</p>
        <p id="hint-on-surface" class="hint">Hint</p>
        <p id="error-on-surface" class="field-error">Error</p>
        <button id="button">Button</button>
        <button id="primary" class="primary">Primary</button>
        <button id="danger" class="danger">Danger</button>
        <button id="danger-solid" class="danger solid">Delete</button>
        <button id="link" class="link">Link</button>
        <span id="badge" class="badge">Badge</span>
        <span id="badge-success" class="badge success">On</span>
        <span id="badge-danger" class="badge danger">Off</span>
        <span id="badge-accent" class="badge accent">New</span>
        <span id="badge-warning" class="badge warning">Pending</span>
        <div id="alert-error" class="alert error">Error</div>
        <div id="alert-success" class="alert success">Saved</div>
        <div id="alert-warning" class="alert warning">Careful</div>
        <input id="readonly" readonly value="read only" />
        <div style="background: var(--_surface-2)">
          <p id="text-on-surface-2">Text</p>
          <p id="muted-on-surface-2" class="muted">Muted</p>
        </div>
      </div>
    </div>`;
  }
}
customElements.define('sk-theme-sample', ThemeSample);

const channels = (color: string) => {
  const m = color.match(/rgba?\(([^)]+)\)/);
  if (!m) throw new Error(`unexpected colour ${color}`);
  return m[1]!.split(/[ ,/]+/).filter(Boolean).map(Number);
};
const luminance = (color: string) => {
  const [r, g, b] = channels(color).slice(0, 3).map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
};
const contrast = (a: string, b: string) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
};
/** The colour painted behind `el`: its own background, else the nearest ancestor's in the shadow tree. */
const backgroundOf = (el: Element): string => {
  for (let node: Element | null = el; node; node = node.parentElement) {
    const bg = getComputedStyle(node).backgroundColor;
    if (channels(bg)[3] !== 0) return bg;
  }
  throw new Error('no background');
};

for (const theme of ['light', 'dark']) {
  describe(`theme tokens (${theme})`, () => {
    it('give every text style at least 4.5:1 against what it sits on (WCAG AA)', async () => {
      const el = await fixture<ThemeSample>(html`<sk-theme-sample sk-theme=${theme}></sk-theme-sample>`);
      const failures: string[] = [];
      for (const node of el.shadowRoot!.querySelectorAll('[id]')) {
        const ratio = contrast(getComputedStyle(node).color, backgroundOf(node));
        if (ratio < 4.5) failures.push(`${node.id}: ${ratio.toFixed(2)}:1`);
      }
      expect(failures, failures.join(', ')).to.deep.equal([]);
    });
  });
}
