import { createRequire } from 'node:module';

/**
 * Optional peer dependencies (provider SDKs, database drivers): a host installs only what it
 * configures. Each is loaded the first time it is needed; a missing one is an error that names
 * the package to install, raised when the server starts with that provider or database configured.
 */
export class MissingPackageError extends Error {
  constructor(
    readonly packageName: string,
    purpose: string,
    options?: ErrorOptions,
  ) {
    super(`${purpose} needs the package "${packageName}", which is not installed: npm install ${packageName}`, options);
    this.name = 'MissingPackageError';
  }
}

function isMissing(error: unknown, packageName: string): boolean {
  const e = error as { code?: string; message?: string } | null;
  if (!e || (e.code !== 'ERR_MODULE_NOT_FOUND' && e.code !== 'MODULE_NOT_FOUND')) return false;
  // Only the package itself being absent, not a broken install that misses one of its own files.
  return new RegExp(`['"]${packageName.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}['"/]`).test(e.message ?? '');
}

/** `await import(packageName)`, or a MissingPackageError naming it. */
export async function importOptional<T>(packageName: string, purpose: string): Promise<T> {
  try {
    return (await import(packageName)) as T;
  } catch (error) {
    if (isMissing(error, packageName)) throw new MissingPackageError(packageName, purpose, { cause: error });
    throw error;
  }
}

const requireHere = createRequire(import.meta.url);
const loaded = new Map<string, unknown>();

/**
 * The same for code that must stay synchronous (provider constructors): Node's `require`, which
 * from Node 20.19 also loads ES modules. Loaded once, on first use.
 */
export function requireOptional<T>(packageName: string, purpose: string): T {
  if (loaded.has(packageName)) return loaded.get(packageName) as T;
  try {
    const module = requireHere(packageName) as T;
    loaded.set(packageName, module);
    return module;
  } catch (error) {
    if (isMissing(error, packageName)) throw new MissingPackageError(packageName, purpose, { cause: error });
    throw error;
  }
}

/**
 * A missing package said at start, without loading it (the SDK loads at its first use): Node's
 * resolution of the name only. A RingCentral SDK loaded just to check was a fifth of a restart.
 */
export function assertInstalled(packageName: string, purpose: string): void {
  if (loaded.has(packageName)) return;
  try {
    requireHere.resolve(packageName);
  } catch (error) {
    if (isMissing(error, packageName)) throw new MissingPackageError(packageName, purpose, { cause: error });
    throw error;
  }
}
