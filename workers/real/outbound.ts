/**
 * A node's outbound path in real mode: every message it sends goes through the kernel's own network model
 * (the same `Network`, seeded by the run seed, so each message's fate is drawn from its id as in the
 * simulation), then out as an HTTP POST to the receiver's process. Loss and partitions drop it here; latency,
 * reordering and duplication become real delays and extra POSTs. The real network adds its own latency on
 * top, and a receiver that is down refuses the connection: that is a `crashed` drop.
 */
import http from 'node:http';
import { Network } from '../kernel/network';
import type { DropReason, LinkSpec, Message, NodeId, TraceEvent } from '../kernel/protocol';
import type { AddressBook, NetChange } from './real-protocol';
import type { RealClock } from './real-driver';

export interface OutboundOptions {
  seed: number;
  network: { defaults?: Partial<LinkSpec>; links: NetChange[] };
  clock: RealClock;
  /** Trace events the network made (drops, duplicates), for the launcher. */
  record(event: TraceEvent): void;
}

/** Keep-alive connections: a message is one small POST, and connecting each time would dominate. */
const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });

export class Outbound {
  private readonly network: Network;
  private addresses: AddressBook = {};
  private readonly arrivals: number[] = [];
  private inFlight = 0;
  private idle: (() => void)[] = [];

  constructor(private readonly options: OutboundOptions) {
    this.network = new Network(options.seed, options.network.defaults);
    for (const change of options.network.links) this.apply(change);
  }

  setAddresses(addresses: AddressBook): void {
    this.addresses = addresses;
  }

  apply(change: NetChange): void {
    const net = this.network;
    switch (change.op) {
      case 'partition':
        return net.partition(change.from, change.to, change.direction);
      case 'heal':
        return net.heal(change.from, change.to, change.direction);
      case 'heal-all':
        return net.healAll();
      case 'link':
        return net.setLink(change.from, change.to, change.spec);
    }
  }

  /** Send one message the node sent at run time `t`. */
  send(message: Message, t: number): void {
    const dropped = this.network.routeInto(message, t, this.arrivals);
    if (dropped) return this.drop(message, dropped);
    const copies = this.arrivals.slice();
    if (copies.length > 1) {
      this.options.record({
        t: this.now(),
        kind: 'duplicate',
        node: message.from,
        messageId: message.id,
        to: message.to,
      });
    }
    const body = JSON.stringify(message);
    for (const arrival of copies) {
      this.inFlight++;
      // The model's latency is the least the copy takes; the socket adds the real one.
      const wait = Math.max(0, arrival - this.options.clock.now());
      this.options.clock.after(wait, () => this.post(message, body));
    }
  }

  /** Resolves once every message handed over has been posted (or dropped). */
  drained(): Promise<void> {
    if (this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  private post(message: Message, body: string): void {
    const address = this.addresses[message.to];
    if (address === undefined) return this.done(this.drop(message, 'unknown-node'));
    if (address === 'crashed' || address === 'stopped') return this.done(this.drop(message, address));
    let settled = false;
    const settle = (dropped?: DropReason) => {
      if (settled) return;
      settled = true;
      if (dropped) this.drop(message, dropped);
      this.done();
    };
    const request = http.request(
      `${address}/msg`,
      { method: 'POST', agent, headers: { 'content-type': 'application/json' } },
      (response) => {
        response.resume();
        // 410: the receiver is finishing or stopped and took no more messages.
        response.on('end', () => settle(response.statusCode === 410 ? 'stopped' : undefined));
      },
    );
    // Refused or reset: nobody is listening there any more (the process was killed).
    request.on('error', () => settle('crashed'));
    request.end(body);
  }

  private done(_?: void): void {
    if (--this.inFlight > 0) return;
    for (const resolve of this.idle.splice(0)) resolve();
  }

  private drop(message: Message, reason: DropReason): void {
    this.options.record({
      t: this.now(),
      kind: 'drop',
      node: message.to as NodeId,
      messageId: message.id,
      from: message.from,
      to: message.to,
      type: message.type,
      reason,
    });
  }

  private now(): number {
    return Math.round(this.options.clock.now() * 100) / 100;
  }
}
