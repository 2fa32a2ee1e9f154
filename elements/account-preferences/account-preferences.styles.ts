import { css } from 'lit';
import { saveStatusStyles } from '../internal/save-status.styles';
import { settingsFormStyles } from '../internal/settings-form.styles';

const accountPreferencesStylesOwn = css`
  ${settingsFormStyles}
  fieldset {
    min-width: 0;
  }
  legend {
    font-weight: 600;
    margin-bottom: 6px;
    padding: 0;
  }
  .choices {
    display: flex;
    gap: calc(var(--_space) * 0.5);
    flex-wrap: wrap;
  }
  .choice {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    font-weight: 500;
    margin: 0;
    padding: calc(var(--_space) * 0.4) calc(var(--_space) * 0.8);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) * 0.75);
    background: var(--_surface);
    cursor: pointer;
  }
  .choice:has(input:checked) {
    border-color: var(--_accent);
    background: var(--_accent-soft);
    color: var(--_accent);
  }
  .choice input {
    accent-color: var(--_accent);
    margin: 0;
  }
  .inline {
    display: flex;
    align-items: center;
    gap: 8px;
    font-weight: 600;
    margin: 0;
  }
  .inline input {
    accent-color: var(--_accent);
    width: 18px;
    height: 18px;
    margin: 0;
  }
  select {
    max-width: 320px;
  }
  .preview {
    background: var(--_surface-2);
    border-radius: calc(var(--_radius) * 0.75);
    padding: calc(var(--_space) * 0.6) calc(var(--_space) * 0.8);
  }
  .preview output {
    font-weight: 600;
    font-variant-numeric: tabular-nums;
  }
`;
export const accountPreferencesStyles = [accountPreferencesStylesOwn, saveStatusStyles];
