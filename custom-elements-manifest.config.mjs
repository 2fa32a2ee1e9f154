// Generates custom-elements.json from the JSDoc of each element (@fires, @csspart, @cssproperty, @slot).
export default {
  globs: ['elements/**/*.ts'],
  exclude: ['elements/**/*.test.ts', 'elements/**/*.styles.ts'],
  outdir: '.',
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
  ],
};
