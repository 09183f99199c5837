// Bundles the client, the server and the CLI separately with esbuild.
// `--integration` bundles the integration tests instead (test/integration/ →
// dist/integration/main.js and restricted.js, run in VS Code's extension host).
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  legalComments: 'none',
};

if (process.argv.includes('--integration')) {
  await esbuild.build({
    ...common,
    entryPoints: { main: 'test/integration/main.ts', restricted: 'test/integration/restricted.ts' },
    outdir: 'dist/integration',
    external: ['vscode', 'mocha'],
  });
} else {
  await Promise.all([
    esbuild.build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] }),
    esbuild.build({ ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js' }),
    esbuild.build({ ...common, entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js' }),
  ]);
}
