import { MachineSession as EngineSession } from '../engine/machineSession';
import { Machine } from './machine';

/** A session on one of the user's machines: the engine session, knowing the whole Machine. */
export type MachineSession = EngineSession<Machine>;
