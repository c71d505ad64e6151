import type { Check } from '@playground/scenario';
import {
  answered,
  backInService,
  callsPerRequest,
  maxCalls,
  oneShard,
  p99,
  spared,
  waits,
} from '../../checks';

/**
 * Step 3: a breaker per replica, and bounded retries on the twin. The lesson's checks of availability and
 * cost; reads need not be fresh yet, nor calls traced (the next steps).
 */
export default [
  answered,
  oneShard,
  spared,
  backInService,
  p99,
  callsPerRequest,
  maxCalls,
  waits,
] satisfies Check[];
