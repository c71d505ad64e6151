import {
  budget,
  deliveries,
  eventsOf,
  exchanges,
  fail,
  goal,
  invariant,
  ms,
  outages,
  perOp,
  plural,
  repliesTo,
  sends,
} from '@playground/scenario';
import type { Check, Exchange, Json, RunResult } from '@playground/scenario';

/** Every secret the client put, with when (the client's own requests: the client is not the learner's). */
function secrets(run: RunResult): { secret: string; t: number }[] {
  return sends(run, { from: 'client', to: 'app', type: 'put' }).map((s) => ({
    secret: String((s.message.body as { secret?: unknown }).secret),
    t: s.t,
  }));
}

/** The key material kms handed out (base64 text): it must never cross the router either. */
function keyTexts(run: RunResult): string[] {
  return sends(run, { from: 'kms', type: 'key_ok' }).map((s) =>
    String((s.message.body as { key?: unknown }).key),
  );
}

/** Every string in a JSON value, and what each decodes to as base64 (base64 is an encoding, not a cipher). */
function readable(value: Json | undefined): string[] {
  const out: string[] = [];
  const walk = (v: Json | undefined): void => {
    if (typeof v === 'string') {
      out.push(v);
      if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(v) && v.length >= 8) {
        try {
          out.push(atob(v.replace(/-/g, '+').replace(/_/g, '/')));
        } catch {
          // not base64 after all
        }
      }
    } else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(value);
  return out;
}

// kms's leak of a retired key to the router is the scenario's doing (an old backup), not a message to seal.
const viaRouter = (run: RunResult) =>
  sends(run).filter(
    (s) => (s.message.from === 'router' || s.message.to === 'router') && s.message.from !== 'kms',
  );
const vaultStorage = (run: RunResult) => eventsOf(run, 'storage').filter((e) => e.node === 'vault');

type Kind = 'tampered' | 'replayed';

/**
 * The requests that reached the vault other than as the app sent them the first time: tampered (no such
 * request left the app) or replayed (a copy of one that had reached the vault already). A first arrival is
 * the app's own however late; whether it is stale is the sequence number's business, and the gets' check
 * sees the harm.
 */
function forgeries(run: RunResult): { id: string; t: number; kind: Kind }[] {
  // An envelope by the bytes it carries: a flipped last base64 character may change only padding bits,
  // which decode to the same bytes (not a change at all).
  const bytes = (text: unknown) => {
    try {
      return btoa(atob(String(text)));
    } catch {
      return String(text);
    }
  };
  const canon = (body: unknown) => {
    const b = body as { kid?: unknown; iv?: unknown; ct?: unknown } | null;
    return b && typeof b === 'object' && typeof b.ct === 'string'
      ? JSON.stringify([b.kid, bytes(b.iv), bytes(b.ct)])
      : JSON.stringify(body);
  };
  const fromApp = new Set(sends(run, { from: 'app', to: 'router' }).map((s) => canon(s.message.body)));
  const arrived = new Set<string>();
  const out: { id: string; t: number; kind: Kind }[] = [];
  for (const d of deliveries(run, { from: 'router', to: 'vault', type: ['put', 'get'] })) {
    const body = canon(d.message.body);
    if (!fromApp.has(body)) out.push({ id: d.message.id, t: d.t, kind: 'tampered' });
    else if (arrived.has(body)) out.push({ id: d.message.id, t: d.t, kind: 'replayed' });
    arrived.add(body);
  }
  return out;
}

const ops = (run: RunResult) => exchanges(run, { from: 'client', to: 'app', type: ['put', 'get'] });
const ok = (e: Exchange) => e.answer !== undefined && e.answer.message.type !== 'failed';

export default [
  invariant('no secret and no key crosses the router, or rests in storage, readable', (run) => {
    const hidden = [
      ...secrets(run).map((s) => ({ text: s.secret, what: `the secret ${s.secret} (put at ${ms(s.t)})` })),
      ...keyTexts(run).map((k) => ({ text: k, what: 'a key from kms' })),
    ];
    const leak = (value: Json | undefined) => {
      const texts = readable(value);
      return hidden.find((h) => texts.some((t) => t.includes(h.text)));
    };
    for (const s of viaRouter(run)) {
      const found = leak(s.message.body);
      if (!found) continue;
      return fail(
        `${found.what} crossed the router readable, in ${s.message.from}'s ${s.message.type} at ${ms(s.t)}: ` +
          `the router reads everything. Seal every request and answer with ` +
          'AES-GCM (crypto.subtle.encrypt) under a key from kms; base64 is an encoding, anyone can undo it.',
        { at: s.t, nodes: [s.message.from, 'router'], messages: [s.message.id] },
      );
    }
    for (const e of vaultStorage(run)) {
      const found = leak(e.value);
      if (!found) continue;
      return fail(
        `the vault kept ${found.what} readable in node.storage (key ${e.key}) at ${ms(e.t)}: whoever gets the disk ` +
          'reads it. Seal what you store with the storage key r1 from kms, and open it when you read it.',
        { at: e.t, nodes: ['vault'] },
      );
    }
    return true;
  }),

  invariant('the vault refuses a retired key after its grace', (run) => {
    // When the vault was told (kms's retire, which kms sends until the vault answers it).
    const told = new Map<string, number>();
    for (const d of deliveries(run, { from: 'kms', to: 'vault', type: 'retire' })) {
      const kid = String((d.message.body as { kid?: unknown }).kid);
      if (!told.has(kid)) told.set(kid, d.t);
    }
    for (const d of deliveries(run, { to: 'vault', type: ['put', 'get'] })) {
      const kid = String((d.message.body as { kid?: unknown }).kid);
      const since = told.get(kid);
      if (since === undefined || d.t < since) continue;
      const taken = repliesTo(run, d.message.id).find((r) => r.type === 'put_ok' || r.type === 'get_ok');
      if (!taken) continue;
      const rotated = sends(run, { from: 'kms', type: 'rotate' })[0]?.t;
      return fail(
        `the vault answered ${taken.type} to a ${d.message.type} sealed with ${kid} that reached it at ${ms(d.t)}, ` +
          `which kms had retired (the vault heard so at ${ms(since)}${rotated !== undefined ? `, ${ms(since - rotated)} after the rotation` : ''}). ` +
          `${d.message.from === 'router' ? 'The router had the leaked old key and forged it. ' : ''}` +
          'A key past its grace is dropped for good: on `retire`, forget it (and remember in node.storage that it is retired, so a restart does not take it back).',
        { at: d.t, nodes: ['kms', 'router', 'vault'], messages: [d.message.id, taken.id] },
      );
    }
    return true;
  }),

  invariant('the vault accepts nothing tampered or replayed', (run) => {
    const writes = new Map<number, string[]>();
    for (const e of vaultStorage(run))
      if (e.key.startsWith('v:')) writes.set(e.t, [...(writes.get(e.t) ?? []), e.key]);
    const forged = forgeries(run);
    const forgedIds = new Set(forged.map((f) => f.id));
    // What reached the vault at each moment: a store at a moment when only forgeries arrived is one of theirs.
    const arrivals = new Map<number, string[]>();
    for (const d of deliveries(run, { to: 'vault', type: ['put', 'get'] }))
      arrivals.set(d.t, [...(arrivals.get(d.t) ?? []), d.message.id]);
    for (const f of forged) {
      const taken = repliesTo(run, f.id).find((r) => r.type === 'put_ok' || r.type === 'get_ok');
      const how =
        f.kind === 'tampered' ? 'a request the router had changed' : 'a request the router replayed';
      if (taken)
        return fail(
          `the vault answered ${taken.type} to ${how}, at ${ms(f.t)}. ${f.kind === 'tampered' ? 'AES-GCM decryption fails on a changed byte: refuse what does not decrypt.' : 'Put a sequence number in every sealed request and refuse one not higher than the last you accepted; keep it in node.storage, so a restart does not forget it.'}`,
          { at: f.t, nodes: ['router', 'vault'], messages: [f.id, taken.id] },
        );
    }
    for (const [t, ids] of arrivals) {
      const stored = writes.get(t);
      if (!stored || !ids.every((id) => forgedIds.has(id))) continue;
      const f = forged.find((x) => x.id === ids[0])!;
      return fail(
        `the vault stored ${stored.join(', ')} at ${ms(t)}, when only a ${f.kind} request had arrived: refuse it ` +
          'before you store anything.',
        { at: t, nodes: ['router', 'vault'], messages: ids },
      );
    }
    return true;
  }),

  invariant('every get returns the secret last put under that name', (run) => {
    const allowed = new Map<string, Set<string | null>>();
    for (const e of ops(run)) {
      const body = e.request.body as { name: string; secret?: string };
      const now = allowed.get(body.name) ?? new Set<string | null>([null]);
      if (e.request.type === 'put') {
        // A put that failed or got no answer may or may not have been kept.
        allowed.set(
          body.name,
          ok(e) ? new Set([body.secret ?? null]) : new Set([...now, body.secret ?? null]),
        );
        continue;
      }
      if (!ok(e)) continue;
      const got = (e.answer!.message.body as { secret?: string | null }).secret ?? null;
      if (now.has(got)) continue;
      return fail(
        `the client's get of ${body.name} at ${ms(e.sentAt)} returned ${JSON.stringify(got)}, but the last put under that ` +
          `name was ${listOfAllowed(now)}. The router answers some gets with an older answer, and changes some: believe an ` +
          'answer only if it decrypts and carries the sequence number of your request.',
        { at: e.answer!.t, nodes: ['client', 'app'], messages: [e.request.id, e.answer!.message.id] },
      );
    }
    return true;
  }),

  invariant('every IV is new under its key', (run) => {
    const seen = new Map<string, string>();
    const envelopes = [
      ...sends(run, { from: 'app', to: 'router' }).map((s) => ({
        t: s.t,
        node: 'app',
        body: s.message.body as Json,
      })),
      ...sends(run, { from: 'vault', to: 'router' }).map((s) => ({
        t: s.t,
        node: 'vault',
        body: s.message.body as Json,
      })),
      ...vaultStorage(run)
        .filter((e) => e.key.startsWith('v:'))
        .map((e) => ({ t: e.t, node: 'vault', body: (e.value ?? null) as Json })),
    ];
    for (const env of envelopes) {
      const b = env.body as { kid?: unknown; iv?: unknown; ct?: unknown } | null;
      if (!b || typeof b !== 'object' || typeof b.ct !== 'string' || typeof b.iv !== 'string') continue;
      const at = `${String(b.kid)}|${b.iv}`;
      const before = seen.get(at);
      if (before !== undefined && before !== b.ct)
        return fail(
          `${env.node} sealed two different messages under key ${String(b.kid)} with the same IV (${b.iv || 'empty'}), ` +
            `the second at ${ms(env.t)}: under AES-GCM that leaks both plaintexts and lets the router forge. Draw a fresh ` +
            '12-byte IV for every message (crypto.getRandomValues).',
          { at: env.t, nodes: [env.node] },
        );
      seen.set(at, b.ct);
    }
    return true;
  }),

  goal('the client’s puts and gets succeed, across the rotation and the vault’s crash', (run) => {
    const all = ops(run);
    const rotation = sends(run, { from: 'kms', type: 'rotate' })[0]?.t;
    if (rotation !== undefined) {
      const near = all.filter((e) => e.sentAt >= rotation - 200 && e.sentAt < rotation + 1500);
      const bad = near.filter((e) => !ok(e));
      if (bad.length > 0)
        return fail(
          `the transit key rotated at ${ms(rotation)}, and ${bad.length} of ${near.length} operations around it failed ` +
            `(the first, a ${bad[0]!.request.type} at ${ms(bad[0]!.sentAt)}). Messages sealed with the old key are still in ` +
            'flight, and one side hears of the rotation before the other: keep every key you got, and ask kms for a kid you do not know.',
          { at: bad[0]!.sentAt, nodes: ['app', 'vault', 'kms'], messages: [bad[0]!.request.id] },
        );
    }
    const failed = all.filter((e) => !ok(e));
    if (all.length > 0 && failed.length <= all.length * 0.03) return true;
    const crash = outages(run, 'vault')[0];
    return fail(
      `${failed.length} of ${all.length} operations failed (at most 3% may)` +
        (failed[0] ? `, the first a ${failed[0].request.type} at ${ms(failed[0].sentAt)}` : '') +
        (crash ? `; the vault was down from ${ms(crash.from)} to ${ms(crash.to)}` : '') +
        '. Retry a request that was rejected or got no answer, with a fresh envelope; after a restart, what the vault stored must still open.',
      failed[0] ? { at: failed[0].sentAt, nodes: ['app', 'vault'], messages: [failed[0].request.id] } : {},
    );
  }),

  budget(
    'requests across the router per operation',
    (run) => {
      const n = sends(run, { from: 'app', to: 'router' }).length;
      const o = ops(run).length;
      return { value: perOp(n, o), detail: `(${plural(n, 'request')} for ${plural(o, 'operation')})` };
    },
    { unit: 'requests per operation', atMost: 1.8, reference: 1.3, digits: 2 },
  ),

  budget(
    'keys asked of kms',
    (run) => {
      const n = sends(run, { to: 'kms', type: 'key' }).length;
      return { value: n, detail: `(${plural(n, 'request')} for ${plural(ops(run).length, 'operation')})` };
    },
    { unit: 'key requests', atMost: 20, reference: 8, digits: 0 },
  ),
] satisfies Check[];

function listOfAllowed(values: Set<string | null>): string {
  const list = [...values].map((v) => (v === null ? 'nothing' : v));
  return list.length === 1 ? list[0]! : `one of ${list.join(', ')}`;
}
