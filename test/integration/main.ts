// The integration suite, in the extension host with the extension under development
// (extensionTestsPath: dist/integration/main.js, built by `node scripts/build.mjs --integration`).

import { runMocha } from './mocha';

export function run(): Promise<void> {
  return runMocha('Tagged Cables integration tests', () => {
    require('./language.test');
    require('./features.test');
    require('./diagnostics.test');
    require('./entitiesView.test');
    require('./virtual.test');
    require('./annotate.test');
    require('./annotations.test');
    require('./compare.test');
  });
}
