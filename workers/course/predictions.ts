/**
 * "Predict, then run": a step of lesson.md may ask a question the run answers, as a fenced block
 *
 *     ```predict
 *     How many of the 30 notes will `receiver` keep?
 *     answer: notesKept
 *     within: 2
 *     ```
 *
 * The question is the block's other lines (inline markdown). `answer` names a function of the `predictions`
 * export of the step's exercise's checks.ts (`(run: RunResult) => number`), so the answer is computed from
 * the trace of the learner's run, never written in the prose. `within` (default 0) is how far off a
 * prediction may be and still agree with the run.
 */
import { CourseError } from './course-error';

export interface Prediction {
  question: string;
  /** The function of checks.ts's `predictions` export that computes the answer from a run. */
  answer: string;
  /** How far off a prediction may be and still agree (>= 0). */
  within: number;
}

const FENCE = /^\s*(```|~~~)\s*(\S*)/;
const KEY = /^(answer|within)\s*:\s*(.*)$/;
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

function parseBlock(lines: string[], where: string, file: string): Prediction {
  const question: string[] = [];
  const keys = new Map<string, string>();
  for (const raw of lines) {
    const line = raw.trim();
    const key = KEY.exec(line);
    if (!key) {
      if (line) question.push(line);
      continue;
    }
    if (keys.has(key[1]!)) throw new CourseError(file, `${where} says "${key[1]}:" twice`);
    keys.set(key[1]!, key[2]!.trim());
  }
  const format =
    'a question, then "answer: <function of checks.ts\'s predictions>" (and optionally "within: <n>")';
  if (question.length === 0) throw new CourseError(file, `${where} has no question: write ${format}`);
  const answer = keys.get('answer');
  if (answer === undefined) throw new CourseError(file, `${where} has no "answer:" line: write ${format}`);
  if (!IDENTIFIER.test(answer))
    throw new CourseError(
      file,
      `${where}: "answer: ${answer}" must name a function of checks.ts's predictions`,
    );
  const withinText = keys.get('within') ?? '0';
  const within = Number(withinText);
  if (withinText === '' || !Number.isFinite(within) || within < 0)
    throw new CourseError(file, `${where}: "within: ${withinText}" must be a number >= 0`);
  return { question: question.join(' '), answer, within };
}

/** The ```predict blocks of one step's markdown, in order; a malformed one throws naming the file and step. */
export function parsePredictions(markdown: string, file: string, step: string): Prediction[] {
  const out: Prediction[] = [];
  let block: string[] | undefined;
  let inOtherFence = false;
  for (const line of markdown.split('\n')) {
    const fence = FENCE.exec(line);
    if (block) {
      if (fence && !fence[2]) {
        out.push(parseBlock(block, `the predict block ${out.length + 1} of step "${step}"`, file));
        block = undefined;
      } else block.push(line);
    } else if (fence) {
      if (!inOtherFence && fence[2] === 'predict') block = [];
      else inOtherFence = !inOtherFence;
    }
  }
  if (block) throw new CourseError(file, `step "${step}": a predict block is never closed with \`\`\``);
  return out;
}
