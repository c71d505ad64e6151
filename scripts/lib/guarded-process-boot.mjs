// The child process of runContained (guarded.ts) does not inherit tsx's loader: register it, then run the job.
import { register } from 'tsx/esm/api';

register({ tsconfig: new URL('../../tsconfig.json', import.meta.url).pathname });
await import('./guarded-process.ts');
