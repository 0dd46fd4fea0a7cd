// The one handle on the editor a webview has: typed with the protocol, so nothing untyped is posted.
import type { EntityPageSavedState, WebviewMessage } from '../protocol';

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): unknown;
  setState(state: EntityPageSavedState): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

/** The webview's API object (acquireVsCodeApi may be called only once per page: call this once). */
export function connect(): VsCodeApi {
  return acquireVsCodeApi();
}

export type { VsCodeApi };
