/**
 * The one place the real-mode and export CLIs read the course: which lesson, which step's exercise, whose
 * code (starter, solution, `--role` swaps). When the course loader changes, only this file follows it.
 */
import type { RoleSource } from '../../workers/kernel/protocol';
import type { Scenario } from '../../workers/kernel/scenario';
import { swapRoles, UsageError } from './cli-args';
import { exerciseFor, findLesson, loadLessons } from './lesson-loader';

export interface ChosenExercise {
  /** The lesson's id (`request-reply`). */
  lessonId: string;
  /** The lesson's folder relative to lessons/ (`07-messaging/03-request-reply`). */
  folder: string;
  step: number | undefined;
  scenario: Scenario;
  roles: RoleSource[];
}

export interface Choice {
  target: string;
  step?: number | undefined;
  solution?: boolean | undefined;
  swaps?: string[] | undefined;
}

export async function chooseExercise({ target, step, solution, swaps }: Choice): Promise<ChosenExercise> {
  const lesson = await findLesson(target);
  if (!lesson) throw new UsageError(`no lesson or scenario named '${target}' (try: npm run sim -- --list)`);
  if (step !== undefined && !lesson.steps.some((s) => s.step === step)) {
    const own = lesson.steps.map((s) => s.step).join(', ') || 'none';
    throw new UsageError(
      `--step ${step}: ${lesson.id} has no exercise of its own at that step (steps with one: ${own})`,
    );
  }
  const exercise = exerciseFor(lesson, step);
  const roles = swapRoles(
    solution ? exercise.solution : exercise.starter,
    swaps ?? [],
    exercise.scenario.roles,
  );
  return { lessonId: lesson.id, folder: lesson.folder, step, scenario: exercise.scenario, roles };
}

/** Every lesson's own exercise (not its steps'), starter or solution. */
export async function everyExercise(solution: boolean): Promise<ChosenExercise[]> {
  return (await loadLessons()).map((lesson) => ({
    lessonId: lesson.id,
    folder: lesson.folder,
    step: undefined,
    scenario: lesson.scenario,
    roles: solution ? lesson.solution : lesson.starter,
  }));
}
