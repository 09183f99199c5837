// Temporary git repositories for the comparison checks, and turning VS Code's
// Git extension on for a while (the harness's user settings turn it off).

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

function git(cwd, ...args) {
  const r = spawnSync('git', ['-c', 'user.name=Tagged Cables e2e', '-c', 'user.email=e2e@example.invalid', '-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main', ...args], {
    cwd,
    encoding: 'utf8',
    // The machine's own git configuration stays out of it.
    env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' },
  });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')} in ${cwd} failed (${r.status}): ${r.stderr || r.stdout}`);
  return r.stdout;
}

/** Makes `dir` a git repository with its files committed as HEAD; returns a function that removes the repository again. */
export function commitFolder(dir) {
  git(dir, 'init', '-q');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'the version to compare with');
  return () => fs.rmSync(path.join(dir, '.git'), { recursive: true, force: true });
}

/**
 * Sets `key` to `value` in the workspace's .vscode/settings.json (VS Code reloads it); returns a
 * function that writes the file back as it was.
 */
export function setWorkspaceSetting(ws, key, value) {
  const file = path.join(ws, '.vscode', 'settings.json');
  const before = fs.readFileSync(file, 'utf8');
  fs.writeFileSync(file, JSON.stringify({ ...JSON.parse(before), [key]: value }, null, 2));
  return () => fs.writeFileSync(file, before);
}
