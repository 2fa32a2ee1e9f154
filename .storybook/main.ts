import type { StorybookConfig } from '@storybook/web-components-vite';

/** Stories for every element and state, fed by fake API clients (test/fake-api.ts). */
const config: StorybookConfig = {
  stories: ['../stories/**/*.stories.ts'],
  framework: { name: '@storybook/web-components-vite', options: {} },
  core: { disableTelemetry: true },
  async viteFinal(viteConfig) {
    // The demo's vite.config.ts sets its own root; stories use the repository root.
    return { ...viteConfig, root: undefined, build: { ...viteConfig.build, outDir: undefined, chunkSizeWarningLimit: 4000 } };
  },
};
export default config;
