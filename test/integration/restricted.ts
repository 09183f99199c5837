// The Restricted Mode suite: the packaged extension installed (not under development,
// which VS Code never disables), in a folder that is not trusted.

import { runMocha } from './mocha';

export function run(): Promise<void> {
  return runMocha('Tagged Cables in Restricted Mode', () => {
    require('./restricted.test');
  });
}
