/** A content mistake in `lessons/`, always naming the file to fix. */
export class CourseError extends Error {
  constructor(
    readonly file: string,
    problem: string,
  ) {
    super(`${file}: ${problem}`);
    this.name = 'CourseError';
  }
}
