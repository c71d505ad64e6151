/// <reference types="vite-plugin-pwa/react" />

/** Set by vite.config.ts: true only in builds made for the e2e tests (PLAYGROUND_TEST_API=1). */
declare const __PLAYGROUND_TEST_API__: boolean;

/** The course map's outline, made at build time (scripts/vite/course-outline-plugin.ts). */
declare module 'virtual:course-outline' {
  // An ambient module cannot import by a relative path: an import() type is the only way to name the type.
  // eslint-disable-next-line @typescript-eslint/consistent-type-imports
  const outline: import('../workers/course/course-outline').CourseOutline;
  export default outline;
}
