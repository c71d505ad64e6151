import { useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { formatMs } from '../format/time';
import type { NodeStatus } from '../trace';
import { FAULT_MENU, LATENCY_CHOICES_MS, LOSS_CHOICES } from '../ui/labels';
import type { FaultRequest } from './useLessonRun';

export type FaultTarget =
  | { kind: 'node'; id: string; status: NodeStatus | undefined; anchor: DOMRect }
  | {
      kind: 'link';
      from: string;
      to: string;
      blockedForward: boolean;
      blockedBack: boolean;
      anchor: DOMRect;
    };

interface Props {
  target: FaultTarget;
  /** Virtual ms the fault will happen at (the cursor). */
  at: number;
  onInject(fault: FaultRequest): void;
  onClose(): void;
}

/** The fault verbs for what was clicked: crash, restart, pause a node; partition, heal, slow, flaky a link. */
export function FaultMenu({ target, at, onInject, onClose }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const [position, setPosition] = useState({ left: target.anchor.right + 8, top: target.anchor.top });

  // Keep the menu inside the window, flipping to the left of the anchor when there is no room.
  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    const { width, height } = el.getBoundingClientRect();
    const a = target.anchor;
    const left = a.right + 8 + width > window.innerWidth - 8 ? Math.max(8, a.left - width - 8) : a.right + 8;
    const top = Math.min(Math.max(8, a.top), window.innerHeight - height - 8);
    setPosition({ left, top });
  }, [target]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    const onDown = (e: PointerEvent) => {
      if (box.current && !box.current.contains(e.target as Node)) onClose();
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('pointerdown', onDown, true);
    box.current?.querySelector('button')?.focus();
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('pointerdown', onDown, true);
    };
  }, [onClose]);

  const act = (fault: FaultRequest) => {
    onInject(fault);
    onClose();
  };

  return (
    <div ref={box} className="fault-menu" role="menu" style={position} data-testid="fault-menu">
      <p className="fault-menu-title">
        {target.kind === 'node' ? target.id : `${target.from} ⇄ ${target.to}`}
        <span>at {formatMs(at)}</span>
      </p>
      {target.kind === 'node' ? (
        <NodeFaults target={target} act={act} />
      ) : (
        <LinkFaults target={target} act={act} />
      )}
    </div>
  );
}

function NodeFaults({
  target,
  act,
}: {
  target: Extract<FaultTarget, { kind: 'node' }>;
  act(f: FaultRequest): void;
}) {
  const node = target.id;
  const up = target.status === 'up';
  return (
    <>
      <Item
        danger
        disabled={!up && target.status !== 'paused'}
        onClick={() => act({ kind: 'crash', node })}
        hint="memory is lost"
      >
        {FAULT_MENU.crash}
      </Item>
      <Item
        disabled={target.status !== 'crashed'}
        onClick={() => act({ kind: 'restart', node })}
        hint="fresh memory, storage kept"
      >
        {FAULT_MENU.restart}
      </Item>
      {target.status === 'paused' ? (
        <Item onClick={() => act({ kind: 'resume', node })}>{FAULT_MENU.resume}</Item>
      ) : (
        <Item disabled={!up} onClick={() => act({ kind: 'pause', node })} hint="stops handling, keeps memory">
          {FAULT_MENU.pause}
        </Item>
      )}
    </>
  );
}

function LinkFaults({
  target,
  act,
}: {
  target: Extract<FaultTarget, { kind: 'link' }>;
  act(f: FaultRequest): void;
}) {
  const { from, to, blockedForward, blockedBack } = target;
  const blocked = blockedForward || blockedBack;
  return (
    <>
      <Group label={FAULT_MENU.partition}>
        <Item
          danger
          onClick={() => act({ kind: 'partition', from, to, direction: 'both' })}
          disabled={blockedForward && blockedBack}
        >
          {FAULT_MENU.bothWays}
        </Item>
        <Item
          danger
          onClick={() => act({ kind: 'partition', from, to, direction: 'one-way' })}
          disabled={blockedForward}
        >
          {from} → {to}
        </Item>
        <Item
          danger
          onClick={() => act({ kind: 'partition', from: to, to: from, direction: 'one-way' })}
          disabled={blockedBack}
        >
          {to} → {from}
        </Item>
        <Item onClick={() => act({ kind: 'heal', from, to, direction: 'both' })} disabled={!blocked}>
          {FAULT_MENU.heal}
        </Item>
      </Group>
      <Group label={FAULT_MENU.latency}>
        <div className="fault-chips">
          {LATENCY_CHOICES_MS.map((ms) => (
            <button
              key={ms}
              type="button"
              role="menuitem"
              onClick={() => act({ kind: 'link', from, to, spec: { latency: { kind: 'constant', ms } } })}
            >
              {ms < 1000 ? `${ms} ms` : '1 s'}
            </button>
          ))}
        </div>
      </Group>
      <Group label={FAULT_MENU.loss}>
        <div className="fault-chips">
          {LOSS_CHOICES.map((loss) => (
            <button
              key={loss}
              type="button"
              role="menuitem"
              onClick={() => act({ kind: 'link', from, to, spec: { loss } })}
            >
              {Math.round(loss * 100)}%
            </button>
          ))}
        </div>
      </Group>
    </>
  );
}

function Group({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="fault-group" role="group" aria-label={label}>
      <p>{label}</p>
      {children}
    </div>
  );
}

function Item(props: {
  onClick(): void;
  disabled?: boolean;
  danger?: boolean;
  hint?: string;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      role="menuitem"
      className={`fault-item ${props.danger ? 'danger' : ''}`}
      onClick={props.onClick}
      disabled={props.disabled}
    >
      <span>{props.children}</span>
      {props.hint && <small>{props.hint}</small>}
    </button>
  );
}
