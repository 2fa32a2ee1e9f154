// Types of scripts/server-bundle.mjs for the TypeScript that imports it (bench/).
export declare const serverBundle: string;
export declare function bundleIsStale(): boolean;
export declare function ensureServerBundle(options?: { quiet?: boolean }): Promise<string>;
/** The Node options the server runs with (see server-bundle.mjs). */
export declare const serverNodeFlags: string[];
