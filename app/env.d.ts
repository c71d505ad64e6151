/// <reference types="vite-plugin-pwa/react" />

/** Set by vite.config.ts: true only in builds made for the e2e tests (PLAYGROUND_TEST_API=1). */
declare const __PLAYGROUND_TEST_API__: boolean;
