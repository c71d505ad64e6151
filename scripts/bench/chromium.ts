/**
 * Which Chromium to run and how: the machine's own (`CHROMIUM_PATH`, else /usr/bin/chromium) when it exists,
 * since Playwright cannot download its browsers here; else Playwright's default. Shared by the Playwright
 * config and the benchmark so both run the same browser the same way.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from '@playwright/test';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The Chromium executable to use, or undefined for Playwright's default browser. */
export function chromiumExecutable(): string | undefined {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  return existsSync(path) ? path : undefined;
}

/** Headless Chromium as the benchmark and the scripts run it: the machine's own, with CHROMIUM_ARGS. */
export function launchChromium(): Promise<Browser> {
  const executablePath = chromiumExecutable();
  return chromium.launch({ args: CHROMIUM_ARGS, ...(executablePath ? { executablePath } : {}) });
}
