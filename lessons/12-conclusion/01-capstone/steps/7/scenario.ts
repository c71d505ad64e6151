import { defineScenario } from '@playground/scenario';
import lesson from '../../scenario';

/**
 * The capstone's store and faults, with a release: build 2 of the replicas is installed early and deployed
 * at a time drawn per seed; on some seeds it is bad. The gateway rolls it out by canary, under the same
 * drawn crash, pause, partition and skew.
 */
export default defineScenario({
  ...lesson,
  roles: {
    ...lesson.roles,
    gateway: {
      ...lesson.roles.gateway!,
      description: 'The capstone’s gateway, which now rolls build 2 out by canary (you edit this)',
    },
    release: {
      editable: false,
      description:
        'Installs build 2 on every replica (bad on some seeds), then asks the gateway to deploy it',
    },
  },
  metrics: [...(lesson.metrics ?? []), 'canary_pct'],
});
