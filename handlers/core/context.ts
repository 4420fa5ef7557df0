// What a handler is given. The types live beside the command declarations (spec.ts) and the settings
// (settings.ts), so the declaration, the registry and the context need no import cycle.
export { systemClock, type Clock, type CoreSettings } from './settings.js';
export type { Handler, HandlerContext, ViewContext, ViewHandler, WorkspaceContext } from './spec.js';
