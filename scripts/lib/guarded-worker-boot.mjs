// Worker threads do not inherit tsx's loader: register it here, then load the TypeScript job runner.
import { register } from 'tsx/esm/api';

register({ tsconfig: new URL('../../tsconfig.json', import.meta.url).pathname });
await import('./guarded-worker.ts');
