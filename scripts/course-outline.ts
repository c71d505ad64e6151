/**
 * Prints the course map's outline (workers/course/course-outline.ts) as JSON: the course on disk, parsed by
 * the one course parser with every rule checked (a broken lesson fails the build here, naming the file).
 * vite.config.ts runs it to serve `virtual:course-outline`.
 */
import { outlineOf } from '../workers/course/course-outline';
import { readCourse } from './lib/lesson-loader';

process.stdout.write(JSON.stringify(outlineOf(await readCourse())));
