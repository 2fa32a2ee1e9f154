// Generates dist/custom-elements.json from the JSDoc of each element (@fires, @csspart, @cssproperty,
// @slot) at package build time (scripts/build-package.mjs), with module paths pointing at the shipped
// dist/elements/**.js modules; from it VS Code custom data, JetBrains web-types and the React 19 JSX
// typings (dist/react.d.ts).
import { existsSync, writeFileSync } from 'node:fs';
import { customElementVsCodePlugin } from 'custom-element-vs-code-integration';
import { customElementJetBrainsPlugin } from 'custom-element-jet-brains-integration';

const outdir = 'dist';
const shipped = (path) => path?.replace(/^(\.\/)?elements\/(.*)\.ts$/, 'dist/elements/$2.js');

export default {
  globs: ['elements/**/*.ts'],
  exclude: ['elements/**/*.test.ts', 'elements/**/*.styles.ts', 'elements/locales/generated/**'],
  outdir,
  litelement: true,
  plugins: [
    {
      // SkElement.emit(name, …) dispatches whatever name it is given: the analyzer reads that as an
      // event called "name". Real events are documented with @fires on each element.
      name: 'drop-generic-emit',
      packageLinkPhase({ customElementsManifest }) {
        for (const mod of customElementsManifest.modules) {
          for (const decl of mod.declarations ?? []) {
            if (decl.events) decl.events = decl.events.filter((e) => e.name !== 'name');
          }
        }
      },
    },
    {
      // The manifest describes the package as shipped: elements/x/x.ts → dist/elements/x/x.js.
      name: 'shipped-paths',
      packageLinkPhase({ customElementsManifest }) {
        const fix = (node) => {
          if (!node || typeof node !== 'object') return;
          for (const [key, value] of Object.entries(node)) {
            if ((key === 'path' || key === 'module') && typeof value === 'string') node[key] = shipped(value);
            else if (typeof value === 'object') fix(value);
          }
        };
        fix(customElementsManifest);
        // Type-only modules and building blocks no element uses yet produce no .js: they are not part
        // of the package, so the manifest does not list them (it runs after the vite build).
        customElementsManifest.modules = customElementsManifest.modules.filter((m) => existsSync(m.path));
      },
    },
    customElementVsCodePlugin({ outdir, htmlFileName: 'vscode.html-custom-data.json', cssFileName: 'vscode.css-custom-data.json', hideLogs: true }),
    customElementJetBrainsPlugin({ outdir, webTypesFileName: 'web-types.json', packageJson: false, hideLogs: true, modulePathTemplate: (_name, path) => path }),
    {
      name: 'react-jsx',
      packageLinkPhase({ customElementsManifest }) {
        writeFileSync(`${outdir}/react.d.ts`, reactTypes(customElementsManifest));
      },
    },
  ],
};

/**
 * React 19 typings: every tag in `react`'s JSX.IntrinsicElements with its properties (React 19 sets
 * them as properties on custom elements) and its events as `on<event-name>` (React 19 listens to
 * `sk-signed-out` for `onsk-signed-out`).
 */
function reactTypes(manifest) {
  const lines = [];
  const imports = [];
  for (const mod of manifest.modules) {
    for (const decl of mod.declarations ?? []) {
      if (!decl.customElement || !decl.tagName) continue;
      const from = './' + mod.path.replace(/^dist\//, '').replace(/\.js$/, '.js');
      imports.push(`import type { ${decl.name} } from '${from}';`);
      const props = [];
      for (const m of decl.members ?? []) {
        if (m.kind !== 'field' || m.static || m.privacy === 'private' || m.privacy === 'protected' || m.name.startsWith('#')) continue;
        if (m.readonly) continue;
        props.push(`    ${JSON.stringify(m.name)}?: ${decl.name}[${JSON.stringify(m.name)}];`);
      }
      for (const a of decl.attributes ?? []) {
        if (a.fieldName && (decl.members ?? []).some((m) => m.name === a.fieldName && m.privacy !== 'private' && m.privacy !== 'protected')) {
          if (a.name !== a.fieldName) props.push(`    ${JSON.stringify(a.name)}?: string | boolean;`);
        } else props.push(`    ${JSON.stringify(a.name)}?: string | boolean;`);
      }
      for (const e of decl.events ?? []) {
        if (!e.name) continue;
        const detail = e.type?.text && /^CustomEvent<.+>$/.test(e.type.text) ? e.type.text : 'CustomEvent';
        const doc = e.description ? `    /** ${e.description.replace(/\*\//g, '*\\/').replace(/\n/g, ' ')} */\n` : '';
        props.push(`${doc}    ${JSON.stringify('on' + e.name)}?: (event: ${safeType(detail)}) => void;`);
      }
      lines.push(`      /** \`<${decl.tagName}>\`${decl.summary || decl.description ? ': ' + (decl.summary || decl.description).split('\n')[0].replace(/\*\//g, '') : ''} */`);
      lines.push(`      ${JSON.stringify(decl.tagName)}: SkElementProps<${decl.name}> & {\n${props.map((p) => '  ' + p).join('\n')}\n      };`);
    }
  }
  return `// Generated from custom-elements.json by custom-elements-manifest.config.mjs: React 19 JSX typings
// for every settings-kit element. Use: \`import type {} from 'settings-kit/react';\` once (or list
// "settings-kit/react" in tsconfig "types").
import type { DetailedHTMLProps, HTMLAttributes, Ref } from 'react';
${imports.join('\n')}

type SkElementProps<E extends HTMLElement> = Omit<DetailedHTMLProps<HTMLAttributes<E>, E>, 'ref'> & {
  ref?: Ref<E>;
  class?: string;
  theme?: 'light' | 'dark' | 'system';
};

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
${lines.join('\n')}
    }
  }
}
`;
}

/** Event types from JSDoc are text; anything but a plain CustomEvent<…> of known names becomes CustomEvent<any>. */
function safeType(text) {
  return /^CustomEvent<[\w\s{}:;,?'"|[\]<>.]*>$/.test(text) ? text : 'CustomEvent';
}
