import { defineScenario } from '@playground/scenario';

/**
 * The book's event-driven example: three Sensors emit readings to an EventBroker, a DataProcessor subscribed
 * to them keeps a dashboard current and pages someone when a temperature crosses the threshold. The links
 * reorder and duplicate events; each sensor has an event storm (500 readings a second) and hot spells at
 * moments drawn per seed, one of them inside its storm. The nemesis pauses the processor once.
 */
export default defineScenario({
  id: 'event-driven',
  title: 'Event-driven: in order, and alerts on time, even in a storm',
  roles: {
    sensor: {
      file: 'roles/sensor.ts',
      count: 3,
      editable: false,
      description: 'Sensor: a temperature reading every 100 ms, numbered; a storm of one per 2 ms once',
    },
    broker: {
      file: 'roles/broker.ts',
      editable: false,
      description: 'EventBroker: passes each event on to the subscribers of its topic',
    },
    processor: {
      file: 'roles/processor.ts',
      description: 'DataProcessor: keeps the dashboard current (one update per 10 ms at most), pages on heat',
    },
    dashboard: {
      file: 'roles/dashboard.ts',
      editable: false,
      description: 'Shows the latest reading of each sensor',
    },
    pager: {
      file: 'roles/pager.ts',
      editable: false,
      description: 'Wakes someone up: an alert per hot spell',
    },
  },
  network: {
    defaults: {
      latency: { kind: 'uniform', min: 2, max: 15 },
      loss: 0,
      duplicate: 0.05,
      reorder: 0.15,
      reorderMs: 60,
    },
  },
  nemesis: [{ kind: 'pause', node: 'processor', at: [2000, 16_000], for: [200, 600] }],
  until: 20_000,
  metrics: ['backlog'],
});
