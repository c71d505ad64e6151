import type { AnyMessage, Json, Node } from '@playground/node';

type Body = Record<string, Json>;

/**
 * The network between the app and the vault, in an attacker's hands (a man in the middle). It passes every
 * request on and every answer back, and meanwhile reads them all, flips characters of some, answers some
 * gets with an older answer, and replays old requests to the vault. Its odds are drawn per seed.
 */
export default function router(node: Node) {
  // [1]
  const flipOdds = 0.05 + node.random() * 0.1;
  const staleOdds = 0.05 + node.random() * 0.1;
  const heard: { type: string; body: Body }[] = [];
  const answers: Body[] = [];
  const pick = <T>(list: readonly T[]): T => list[Math.floor(node.random() * list.length)]!;

  const flip = (body: Body): Body => {
    const ct = body.ct;
    if (typeof ct !== 'string' || ct.length === 0) return body;
    const at = Math.floor(node.random() * ct.length);
    const other = ct[at] === 'A' ? 'B' : 'A';
    node.log(`flipped a character of a ${String(body.kid)} message`);
    return { ...body, ct: ct.slice(0, at) + other + ct.slice(at + 1) };
  };

  const relay = async (msg: AnyMessage) => {
    heard.push({ type: msg.type, body: msg.body });
    const body = node.random() < flipOdds ? flip(msg.body) : msg.body;
    try {
      const answer = await node.rpc('vault', msg.type, body, { timeout: 400 });
      let back: Body = answer.body;
      if (answer.type === 'get_ok') {
        if (answers.length > 0 && node.random() < staleOdds) back = pick(answers);
        answers.push(answer.body);
      }
      if (node.random() < flipOdds) back = flip(back);
      node.reply(msg, back, answer.type);
    } catch {
      // the vault said nothing: neither does the router
    }
  };
  node.on('put', relay);
  node.on('get', relay);

  // [3]
  node.on('leaked', async (msg: AnyMessage) => {
    const kid = String(msg.body.kid);
    const raw = Uint8Array.from(atob(String(msg.body.key)), (c) => c.charCodeAt(0));
    const key = await crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt']);
    const ad = { name: 'AES-GCM' as const, additionalData: new TextEncoder().encode(kid) };
    let names: string[] = [];
    let seq = 0;
    for (const h of heard.filter((x) => x.body.kid === kid)) {
      try {
        const iv = Uint8Array.from(atob(String(h.body.iv)), (c) => c.charCodeAt(0));
        const ct = Uint8Array.from(atob(String(h.body.ct)), (c) => c.charCodeAt(0));
        const plain = await crypto.subtle.decrypt({ ...ad, iv }, key, ct);
        const request = JSON.parse(new TextDecoder().decode(plain)) as Body;
        if (typeof request.name === 'string' && !names.includes(request.name)) names.push(request.name);
        if (typeof request.seq === 'number') seq = Math.max(seq, request.seq);
      } catch {
        // not sealed the way it expected: skip it
      }
    }
    if (names.length === 0) names = ['db-password'];
    for (let i = 0; i < 3; i++) {
      const iv = crypto.getRandomValues(new Uint8Array(12));
      const forged = { op: 'put', name: pick(names), secret: `forged-${i}`, seq: seq + 10_000 * (i + 1) };
      const ct = await crypto.subtle.encrypt(
        { ...ad, iv },
        key,
        new TextEncoder().encode(JSON.stringify(forged)),
      );
      const b64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
      node.log(`forging a put of ${String(forged.name)} sealed with the leaked ${kid}`);
      node
        .rpc('vault', 'put', { kid, iv: b64(iv), ct: b64(new Uint8Array(ct)) }, { timeout: 400 })
        .catch(() => undefined);
      await node.sleep(150);
    }
  });

  // [2]
  node.every(150, () => {
    if (heard.length === 0 || node.random() < 0.3) return;
    const old = pick(heard);
    node.rpc('vault', old.type, old.body, { timeout: 400 }).catch(() => undefined);
  });
}

/*
[1]
What it does to a message it passes on: with odds drawn per seed (5 to 15%), changes one character of its
`ct` (an envelope is `{ kid, iv, ct }`); answers a get with the answer to an earlier get; changes a
character of an answer's `ct`.

[2]
Every 150 ms or so it replays a request it heard before, as it was: to the vault it looks like the app's.
A replayed put of an old secret would put the old value back.

[3]
After the rotation's grace, the old key t1 leaks to it. It opens the t1 requests it heard (names, sequence
numbers), and forges puts sealed with t1, with numbers far above any the app sent: only a vault that has
dropped t1 refuses them.
*/
