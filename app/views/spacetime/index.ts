/** The space-time (sequence) diagram: a Lamport diagram of the trace up to the playback cursor. */
export { SpaceTimeDiagram, type SpaceTimeDiagramProps } from './SpaceTimeDiagram';
export { buildModel, SpaceTimeModel } from './spacetime-model';
