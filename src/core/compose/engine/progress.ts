import type { ComposeProgressEvent } from './composeTypes';

/** Sends progress events to an optional listener; a listener that throws does not stop the work. */
export type Progress = (resource: string, state: string, service?: string, detail?: string) => void;

export function progressTo(listener: ((event: ComposeProgressEvent) => void) | undefined): Progress {
  return (resource, state, service, detail) => {
    try {
      listener?.({ resource, state, ...(service !== undefined && { service }), ...(detail !== undefined && { detail }) });
    } catch {
      // the UI's problem, not the project's
    }
  };
}
