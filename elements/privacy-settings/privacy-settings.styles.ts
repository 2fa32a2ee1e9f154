import { css } from 'lit';

export const privacySettingsStyles = css`
  .stack-cards {
    display: flex;
    flex-direction: column;
    gap: var(--_space);
  }
  .danger-zone {
    border-color: color-mix(in srgb, var(--_danger) 40%, var(--_border));
  }
  .actions {
    display: flex;
    gap: calc(var(--_space) * 0.5);
    flex-wrap: wrap;
    align-items: center;
  }
  dialog .field {
    margin-top: calc(var(--_space) * 0.5);
  }
  dialog .warning {
    margin-bottom: calc(var(--_space) * 0.5);
  }
  code {
    font-weight: 700;
    background: var(--_surface-2);
    padding: 0 4px;
    border-radius: 4px;
  }
`;
