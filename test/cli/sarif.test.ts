import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { runCli } from '../../server/src/cli';
import { RULES, RULE_CODES } from '../../server/src/core';
import { CORPUS_DIR, ROOT } from '../helpers';
import { IS_ROOT, MALFORMED, canFakeUnreadable, runBin, tempDir } from './util';

type Json = Record<string, any>;

const LEVELS = { error: 'error', warning: 'warning', information: 'note', hint: 'note' } as const;

const isPositiveInt = (n: unknown) => Number.isInteger(n) && (n as number) >= 1;

/** The parts of the SARIF 2.1.0 schema a cable-lint log uses: required properties, types and enums. */
function validateSarif(log: Json): void {
  assert.deepEqual(Object.keys(log).sort(), ['$schema', 'runs', 'version']);
  assert.equal(log.$schema, 'https://json.schemastore.org/sarif-2.1.0.json');
  assert.equal(log.version, '2.1.0');
  assert.ok(Array.isArray(log.runs) && log.runs.length === 1, 'one run');
  const run = log.runs[0];
  const driver = run.tool?.driver;
  assert.equal(driver.name, 'cable-lint');
  assert.match(driver.version, /^\d+\.\d+\.\d+/);
  assert.ok(driver.informationUri === undefined, 'no informationUri (it would have to be an absolute URI)');
  assert.deepEqual(
    driver.rules.map((r: Json) => r.id),
    RULE_CODES,
    'every rule, in the order of codes.ts',
  );
  for (const rule of driver.rules) {
    const info = RULES[rule.id as keyof typeof RULES];
    assert.deepEqual(rule.shortDescription, { text: info.description });
    assert.deepEqual(rule.defaultConfiguration, { level: LEVELS[info.defaultSeverity] });
  }
  assert.equal(run.columnKind, 'utf16CodeUnits');
  assert.ok(Array.isArray(run.invocations) && run.invocations.length === 1);
  assert.equal(typeof run.invocations[0].executionSuccessful, 'boolean');
  assert.ok(Array.isArray(run.results));
  for (const result of run.results) {
    assert.ok(RULE_CODES.includes(result.ruleId), result.ruleId);
    assert.equal(driver.rules[result.ruleIndex].id, result.ruleId, 'ruleIndex points at the rule');
    assert.ok(['none', 'note', 'warning', 'error'].includes(result.level), result.level);
    assert.equal(typeof result.message.text, 'string');
    assert.ok(result.message.text.length > 0);
    assert.equal(result.locations.length, 1);
    const { artifactLocation, region } = result.locations[0].physicalLocation;
    assert.equal(typeof artifactLocation.uri, 'string');
    if (artifactLocation.uriBaseId !== undefined) {
      assert.equal(artifactLocation.uriBaseId, '%SRCROOT%');
      assert.doesNotMatch(artifactLocation.uri, /^[a-z]+:|^\/|\\|^\.\.\//, 'relative, with forward slashes, inside the root');
    } else {
      assert.match(artifactLocation.uri, /^file:\/\//, 'outside the root: an absolute file URI');
    }
    for (const key of ['startLine', 'startColumn', 'endLine', 'endColumn']) assert.ok(isPositiveInt(region[key]), `${key}: ${region[key]}`);
    assert.ok(region.endLine > region.startLine || (region.endLine === region.startLine && region.endColumn >= region.startColumn), 'the region ends after it starts');
  }
}

describe('cable-lint --format sarif', function () {
  // Worker threads and the built bin take seconds on a busy machine.
  this.timeout(60000);

  it('a valid SARIF 2.1.0 log whose results are the json records', async () => {
    const dir = tempDir({ 'bad.cable': MALFORMED, 'sub dir/ok #1.cable': fs.readFileSync(path.join(CORPUS_DIR, '10ROME1.cable'), 'utf8') });
    const sarif = await runCli(['--jobs', '1', '--format', 'sarif', '.'], dir);
    const json = await runCli(['--jobs', '1', '--format', 'json', '.'], dir);
    assert.equal(sarif.exitCode, 1);
    assert.equal(sarif.exitCode, json.exitCode);
    const log = JSON.parse(sarif.stdout);
    validateSarif(log);
    assert.equal(log.runs[0].invocations[0].executionSuccessful, true);
    const records: Json[] = JSON.parse(json.stdout);
    const results: Json[] = log.runs[0].results;
    assert.equal(results.length, records.length);
    assert.ok(results.length > 4);
    results.forEach((result, i) => {
      const r = records[i];
      const { artifactLocation, region } = result.locations[0].physicalLocation;
      assert.deepEqual(
        { file: decodeURIComponent(artifactLocation.uri), line: region.startLine, column: region.startColumn, endLine: region.endLine, endColumn: region.endColumn, code: result.ruleId, message: result.message.text, level: result.level },
        { file: r.file, line: r.line, column: r.column, endLine: r.endLine, endColumn: r.endColumn, code: r.code, message: r.message, level: LEVELS[r.severity as keyof typeof LEVELS] },
      );
    });
    const uris = new Set(results.map((r) => r.locations[0].physicalLocation.artifactLocation.uri));
    assert.deepEqual([...uris], ['bad.cable', 'sub%20dir/ok%20%231.cable'], 'URI-encoded relative paths');
    // UTF-16 columns: "The UK’s [PRE" on line 3.
    assert.deepEqual(results[0].locations[0].physicalLocation.region, { startLine: 3, startColumn: '( C ) The UK’s ['.length + 1, endLine: 3, endColumn: '( C ) The UK’s [PRE'.length + 1 });
    assert.equal(results[0].level, 'error');
  });

  it('levels follow the configured severities; no results is an empty list', async () => {
    const dir = tempDir({ 'bad.cable': MALFORMED, '.cablelintrc.json': JSON.stringify({ rules: { 'tag-unknown-type': 'hint', 'tag-unclosed': 'information', 'tag-empty': 'off' } }) });
    const log = JSON.parse((await runCli(['--jobs', '1', '--format', 'sarif', 'bad.cable'], dir)).stdout);
    validateSarif(log);
    assert.deepEqual(
      log.runs[0].results.map((r: Json) => `${r.ruleId}:${r.level}`),
      ['tag-unknown-type:note', 'tag-unclosed:note', 'tag-stray-close:warning'],
    );
    assert.deepEqual(log.runs[0].tool.driver.rules.find((r: Json) => r.id === 'tag-unknown-type').defaultConfiguration, { level: 'error' }, 'rules keep their default level');
    const clean = tempDir({ 'a.cable': '[PER A  ]' });
    const empty = await runCli(['--jobs', '1', '--format', 'sarif', 'a.cable'], clean);
    assert.equal(empty.exitCode, 0);
    const emptyLog = JSON.parse(empty.stdout);
    validateSarif(emptyLog);
    assert.deepEqual(emptyLog.runs[0].results, []);
  });

  it('a file outside the current folder gets an absolute file URI', async () => {
    const file = path.join(CORPUS_DIR, '10ROME1.cable');
    const dir = tempDir();
    const log = JSON.parse((await runCli(['--jobs', '1', '--format', 'sarif', file], dir)).stdout);
    validateSarif(log);
    assert.ok(log.runs[0].results.length > 0);
    for (const r of log.runs[0].results) assert.deepEqual(r.locations[0].physicalLocation.artifactLocation, { uri: pathToFileURL(file).href });
  });

  it('an unreadable file: exit 2, a tool notification, executionSuccessful false', async function () {
    if (!canFakeUnreadable() && IS_ROOT) this.skip();
    const dir = tempDir({ 'ok.cable': MALFORMED, 'locked.cable': '[PER B  ]' });
    if (IS_ROOT) {
      fs.rmSync(path.join(dir, 'locked.cable'));
      fs.symlinkSync('/proc/self/mem', path.join(dir, 'locked.cable'));
    } else {
      fs.chmodSync(path.join(dir, 'locked.cable'), 0);
    }
    const result = await runCli(['--jobs', '1', '--format', 'sarif', '.'], dir);
    assert.equal(result.exitCode, 2);
    const log = JSON.parse(result.stdout);
    validateSarif(log);
    const invocation = log.runs[0].invocations[0];
    assert.equal(invocation.executionSuccessful, false);
    assert.equal(invocation.toolExecutionNotifications.length, 1);
    assert.equal(invocation.toolExecutionNotifications[0].level, 'error');
    assert.match(invocation.toolExecutionNotifications[0].message.text, /^Cannot read the file: E[A-Z]+$/);
    assert.deepEqual(invocation.toolExecutionNotifications[0].locations[0].physicalLocation.artifactLocation, { uri: 'locked.cable', uriBaseId: '%SRCROOT%' });
    assert.ok(log.runs[0].results.length > 0, 'the readable file is reported');
  });

  it('the installed bin with worker threads prints the same log', async () => {
    const one = await runCli(['--jobs', '1', '--format', 'sarif', 'seeds/', 'test/fixtures/corpus/10R*.cable'], ROOT);
    const many = runBin(['--jobs', '2', '--format', 'sarif', 'seeds/', 'test/fixtures/corpus/10R*.cable'], ROOT);
    assert.equal(many.status, 0);
    assert.equal(many.stdout, one.stdout);
    validateSarif(JSON.parse(many.stdout));
  });
});
