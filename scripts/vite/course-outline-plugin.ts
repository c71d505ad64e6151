/**
 * `virtual:course-outline`: the course map's outline, made at build time by scripts/course-outline.ts in a
 * child Node (the scenarios are TypeScript modules, which the config's Node cannot import by itself). In
 * `npm run dev` an edit to a lesson's markdown or scenario reloads it.
 */
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

const ID = 'virtual:course-outline';
const RESOLVED = `\0${ID}`;
const root = fileURLToPath(new URL('../..', import.meta.url));

export function courseOutline(): Plugin {
  return {
    name: 'course-outline',
    resolveId: (id) => (id === ID ? RESOLVED : undefined),
    load(id) {
      if (id !== RESOLVED) return undefined;
      const tsx = createRequire(import.meta.url).resolve('tsx/cli');
      const json = execFileSync(process.execPath, [tsx, 'scripts/course-outline.ts'], {
        cwd: root,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      return `export default ${json};`;
    },
    configureServer(server) {
      const reload = (file: string) => {
        if (!/\/lessons\/.*(\.md|scenario\.ts)$/.test(file)) return;
        const module = server.moduleGraph.getModuleById(RESOLVED);
        if (!module) return;
        server.moduleGraph.invalidateModule(module);
        server.ws.send({ type: 'full-reload' });
      };
      server.watcher.on('change', reload);
      server.watcher.on('add', reload);
      server.watcher.on('unlink', reload);
    },
  };
}
