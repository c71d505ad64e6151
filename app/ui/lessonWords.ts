/**
 * Holds lesson prose to the UI's words: every button, tab or menu entry a lesson tells the learner to
 * press must exist (UI_WORDS), a seed count must be the one Check runs, a latency must be one the fault
 * menu offers. Used by a unit test over every lesson; returns the problems, each quoting the prose.
 */
import { LATENCY_CHOICES_MS, UI_WORDS } from './labels';

export interface ProseFacts {
  /** How many seeds Check runs for this exercise. */
  checkSeedCount: number;
}

/** Phrases for things the UI does not have (or no longer calls so). */
const RETIRED: { pattern: RegExp; use: string }[] = [
  { pattern: /\bpress play\b/i, use: 'Press **Run**' },
  { pattern: /\bplay button\b/i, use: 'the **Run** button' },
  { pattern: /\bspace-time diagram\b/i, use: 'the **Sequence** tab' },
];

const known = new Set([...UI_WORDS].map((w) => w.toLowerCase()));

export function lessonWordProblems(markdown: string, facts: ProseFacts): string[] {
  const problems: string[] = [];
  for (const { pattern, use } of RETIRED) {
    const hit = pattern.exec(markdown);
    if (hit) problems.push(`"${hit[0]}" names nothing on screen: say ${use}`);
  }
  // "Press Check", "press **Run**", "click **Step**": the word pressed must be a control's label.
  for (const m of markdown.matchAll(/\b(?:[Pp]ress|[Cc]lick|[Hh]it)\s+(?:\*\*([^*]+)\*\*|([A-Z][a-z]+))/g)) {
    const word = (m[1] ?? m[2] ?? '').trim();
    if (!known.has(word.toLowerCase()) && !/^the$/i.test(word))
      problems.push(`"${m[0]}": no control is labelled "${word}"`);
  }
  // "the **Sequence** tab", "the Metrics tab", "the Replay button".
  for (const m of markdown.matchAll(/\bthe\s+(?:\*\*([^*]+)\*\*|([A-Z][\w ]*?))\s+(tab|button)\b/g)) {
    const word = (m[1] ?? m[2] ?? '').trim();
    if (!known.has(word.toLowerCase())) problems.push(`"${m[0]}": there is no ${m[3]} "${word}"`);
  }
  for (const m of markdown.matchAll(/\b(\d+) seeds\b/g)) {
    if (Number(m[1]) !== facts.checkSeedCount)
      problems.push(`"${m[0]}": Check runs ${facts.checkSeedCount} seeds for this exercise`);
  }
  // "250 ms under **Latency**", "500 ms of latency", "add latency, say 500 ms".
  const latency = [
    /\b(\d+) ?(ms|s) (?:under \*\*Latency\*\*|of latency)/gi,
    /\badd(?:ing)? latency\b[^.]*?\b(\d+) ?(ms|s)\b/gi,
  ];
  for (const pattern of latency) {
    for (const m of markdown.matchAll(pattern)) {
      const ms = Number(m[1]) * (m[2] === 's' ? 1000 : 1);
      if (!LATENCY_CHOICES_MS.includes(ms))
        problems.push(
          `"${m[0]}": the fault menu offers ${LATENCY_CHOICES_MS.map((v) => `${v} ms`).join(', ')}`,
        );
    }
  }
  return problems;
}
