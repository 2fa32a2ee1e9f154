import type { Preview } from '@storybook/web-components-vite';
import '../elements/index';

const BACKGROUND = { light: '#f6f7f9', dark: '#0f1115' };

const preview: Preview = {
  parameters: {
    layout: 'padded',
    controls: { expanded: true },
  },
  globalTypes: {
    theme: {
      description: 'Theme of the elements (unset: each story shows its own theme)',
      toolbar: { title: 'Theme', items: ['light', 'dark'], dynamicTitle: true },
    },
  },
  // No theme by default: a story's own theme (its user's stored preferences, a `theme` attribute)
  // shows as written. A theme picked in the toolbar overrides it.
  initialGlobals: {},
  decorators: [
    (story, context) => {
      const picked = context.globals.theme as 'light' | 'dark' | undefined;
      document.body.style.background = BACKGROUND[picked ?? 'light'];
      if (picked) {
        // Elements take the theme from the shared state of their provider: set it there once rendered.
        setTimeout(() => {
          for (const root of document.querySelectorAll<HTMLElement & { root?: { state: { value: { setPreferences(p: object): void } } } }>('settings-provider, profile-settings')) {
            root.root?.state.value.setPreferences({ theme: picked });
          }
        });
      }
      return story();
    },
  ],
};
export default preview;
