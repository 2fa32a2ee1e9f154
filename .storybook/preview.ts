import type { Preview } from '@storybook/web-components-vite';
import '../elements/index';

const preview: Preview = {
  parameters: {
    layout: 'padded',
    controls: { expanded: true },
  },
  globalTypes: {
    theme: {
      description: 'Theme of the elements',
      toolbar: { title: 'Theme', items: ['light', 'dark'], dynamicTitle: true },
    },
  },
  initialGlobals: { theme: 'light' },
  decorators: [
    (story, context) => {
      const dark = context.globals.theme === 'dark';
      document.body.style.background = dark ? '#0f1115' : '#f6f7f9';
      // Elements take the theme from the shared state of their provider: set it there once rendered.
      setTimeout(() => {
        for (const root of document.querySelectorAll<HTMLElement & { root?: { state: { value: { setPreferences(p: object): void } } } }>('settings-provider, profile-settings')) {
          root.root?.state.value.setPreferences({ theme: dark ? 'dark' : 'light' });
        }
      });
      return story();
    },
  ],
};
export default preview;
