import { defineScenario } from '@playground/scenario';
import lesson from '../../scenario';

/**
 * The lesson's pod, with a second caller at the front door: `intruder` looks up other users' records
 * without a valid token. The sidecar must turn it away; the app cannot tell the two callers apart.
 * Everything else (links, the drawn faults, the run length) is the lesson's.
 */
const { client, sidecar, ...others } = lesson.roles;

export default defineScenario({
  ...lesson,
  title: 'Sidecar, ambassador, adapter: a sidecar that checks tokens',
  roles: {
    client: { ...client!, description: 'Looks up a user every 200 ms, through the sidecar, with its token' },
    intruder: {
      file: 'roles/intruder.ts',
      count: 1,
      editable: false,
      description: 'Looks up other users every 300 ms, with no token or a guessed one',
    },
    sidecar: { ...sidecar!, description: 'In the pod, on the way in: checks tokens and times every request' },
    ...others,
  },
});
