// Imported first by extension.ts: the bundle evaluates modules in import order,
// so this time is taken before the rest of Catwalk's code is loaded.

/** When Catwalk's code started loading (ms since the epoch). */
export const CODE_LOAD_STARTED = Date.now();
