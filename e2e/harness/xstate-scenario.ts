/**
 * Role code running an XState machine with `after` delays under a pause and a skew: the Node spec
 * (scripts/lib/realm/xstate-roles.test.ts) and the browser spec (e2e/xstate-roles.spec.ts) run the same text,
 * so their hashes can be compared.
 */
import type { RoleSource } from '../../workers/kernel/protocol';
import type { ScenarioData } from '../../workers/kernel/scenario';

export const xstateScenario: ScenarioData = {
  id: 'xstate-clock',
  title: 'xstate on the virtual clock',
  roles: { blinker: { file: 'roles/blinker.ts', count: 2 }, poker: { file: 'roles/poker.ts' } },
  network: { defaults: { latency: { kind: 'uniform', min: 1, max: 40 } } },
  faults: [
    { at: 700, kind: 'pause', node: 'blinker-1' },
    { at: 1300, kind: 'resume', node: 'blinker-1' },
    { at: 900, kind: 'skew', node: 'blinker-2', offsetMs: -400 },
  ],
  until: 3000,
};

/** Flips on/off on `after` delays drawn from the node's stream; a poke resets it. Logs every state. */
const blinker = `import { setup, createActor, assign } from 'xstate';
import type { Node } from '@playground/node';

export default function blinker(node: Node) {
  const machine = setup({
    types: {} as { context: { flips: number }; events: { type: 'poke' } },
    delays: { onFor: () => 50 + Math.floor(Math.random() * 100), offFor: 120 },
  }).createMachine({
    id: 'blink',
    context: { flips: 0 },
    initial: 'off',
    states: {
      off: { after: { offFor: { target: 'on', actions: assign({ flips: ({ context }) => context.flips + 1 }) } } },
      on: { after: { onFor: 'off' }, on: { poke: 'off' } },
    },
  });
  const clock = node.id === 'blinker-1'
    ? { setTimeout: (fn: () => void, ms: number) => node.setTimer(ms, fn, 'xstate'), clearTimeout: (t: { cancel(): void }) => t.cancel() }
    : undefined;
  const actor = createActor(machine, clock ? { clock } : {});
  actor.subscribe((s) => {
    node.state.light = String(s.value);
    node.log(String(s.value), s.context.flips, node.monotonic(), actor.sessionId);
  });
  actor.start();
  node.on('poke', () => actor.send({ type: 'poke' }));
}
`;

const poker = `export default function poker(node) {
  node.every(170, () => node.send(node.random() < 0.5 ? 'blinker-1' : 'blinker-2', 'poke'));
}
`;

export const xstateRoles: RoleSource[] = [
  { role: 'blinker', file: 'roles/blinker.ts', source: blinker },
  { role: 'poker', file: 'roles/poker.ts', source: poker },
];
