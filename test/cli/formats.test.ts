import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCablesCli } from '../../server/src/cli';
import { CORPUS_DIR, ROOT, SEED_PATH, corpusFiles, seedText } from '../helpers';
import { MALFORMED, buildBin, listFiles, tempDir } from './util';

const CABLES_BIN = path.join(ROOT, 'bin', 'cables.js');

function runCablesBin(args: string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  buildBin();
  const run = spawnSync(process.execPath, [CABLES_BIN, ...args], { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.error) throw run.error;
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** Every file of a folder with its bytes. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of listFiles(dir)) {
    const full = path.join(dir, f);
    if (fs.statSync(full).isFile()) out[f] = fs.readFileSync(full).toString('base64');
  }
  return out;
}

const ALL = [SEED_PATH, ...corpusFiles()];

/** Every output file equals the original of the same name, byte for byte; returns how many were compared. */
function assertSameFiles(dir: string): number {
  const originals = new Map(ALL.map((f) => [path.basename(f), f]));
  const names = fs.readdirSync(dir).sort();
  assert.deepEqual(names, [...originals.keys()].sort());
  for (const n of names) assert.ok(fs.readFileSync(path.join(dir, n)).equals(fs.readFileSync(originals.get(n)!)), n);
  return names.length;
}

describe('cables export / import', function () {
  this.timeout(180000);

  const variants: Array<{ args: string[]; from: string[]; out: string }> = [
    { args: ['--to', 'jsonl'], from: ['--from', 'jsonl'], out: 'all.jsonl' },
    { args: ['--to', 'jsonl', '--flavour', 'doccano'], from: ['--from', 'jsonl'], out: 'all.jsonl' },
    { args: ['--to', 'jsonl', '--offsets', 'utf16'], from: ['--from', 'jsonl', '--offsets', 'utf16'], out: 'all.jsonl' },
    { args: ['--to', 'conll'], from: ['--from', 'conll'], out: 'all.conll' },
    { args: ['--to', 'conll', '--scheme', 'iob1'], from: ['--from', 'conll'], out: 'all.conll' },
    { args: ['--to', 'conll', '--scheme', 'bioes'], from: ['--from', 'conll', '--scheme', 'bioes'], out: 'all.conll' },
    { args: ['--to', 'brat'], from: ['--from', 'brat'], out: 'brat' },
  ];
  for (const v of variants) {
    it(`${v.args.join(' ')}: the seed and the 323 corpus cables come back byte for byte`, async () => {
      const dir = tempDir();
      const exported = await runCablesCli(['export', ...v.args, '-o', path.join(dir, v.out), SEED_PATH, CORPUS_DIR], ROOT);
      assert.equal(exported.exitCode, 0, exported.stderr);
      assert.equal(exported.stderr, `Exported 324 cables to ${path.join(dir, v.out)}\n`);
      const imported = await runCablesCli(['import', ...v.from, v.out, '-o', 'back'], dir);
      assert.equal(imported.exitCode, 0, imported.stderr);
      assert.equal(imported.stderr, 'Imported 324 cables into back\n');
      assert.equal(assertSameFiles(path.join(dir, 'back')), 324);
    });
  }

  it('the installed bin: export to CoNLL and JSONL, import back, same bytes; JSONL on stdout', () => {
    const dir = tempDir();
    for (const [to, file] of [
      ['conll', 'c.conll'],
      ['jsonl', 'j.jsonl'],
    ]) {
      const exported = runCablesBin(['export', '--to', to, '-o', path.join(dir, file), SEED_PATH, CORPUS_DIR], ROOT);
      assert.equal(exported.status, 0, exported.stderr);
      const imported = runCablesBin(['import', '--from', to, file, '-o', `back-${to}`], dir);
      assert.equal(imported.status, 0, imported.stderr);
      assertSameFiles(path.join(dir, `back-${to}`));
    }
    const stdout = runCablesBin(['export', '--to', 'jsonl', 'seeds/'], ROOT);
    assert.equal(stdout.status, 0);
    assert.equal(stdout.stderr, '');
    const record = JSON.parse(stdout.stdout);
    assert.equal(record.id, '000_d5a32e40f8b893e0.txt');
    assert.equal(record.spans[0].text, 'NATO');
    assert.equal(stdout.stdout.split('\n').length, 2, 'one record and a final line break');
  });

  it('the installed bin on a pipe closed early (| head): stops quietly with exit 0', async () => {
    buildBin();
    const { spawn } = await import('node:child_process');
    const child = spawn(process.execPath, [CABLES_BIN, 'export', '--to', 'conll', CORPUS_DIR], { cwd: ROOT });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.equal(stderr, '');
    assert.equal(code, 0);
  });

  it('the installed bins on a full disk (stdout is /dev/full): one line, exit 2, no stack trace', function () {
    if (!fs.existsSync('/dev/full') || !fs.statSync('/dev/full').isCharacterDevice()) this.skip();
    buildBin();
    const full = fs.openSync('/dev/full', 'w');
    try {
      for (const [bin, args] of [
        [CABLES_BIN, ['export', '--to', 'jsonl', SEED_PATH]],
        [CABLES_BIN, ['compare', SEED_PATH, SEED_PATH]],
        [path.join(ROOT, 'bin', 'cable-lint.js'), [SEED_PATH]],
      ] as const) {
        const run = spawnSync(process.execPath, [bin, ...args], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', full, 'pipe'] });
        const program = path.basename(bin, '.js');
        assert.equal(run.status, 2, `${program} ${args[0]}: ${run.stderr}`);
        assert.equal(run.stderr, `${program}: cannot write to stdout: ENOSPC\n`);
      }
    } finally {
      fs.closeSync(full);
    }
  });

  it('export -o through a symlink writes its target; to a pipe or a device, as the cables come', async function () {
    const dir = tempDir({ 'target.jsonl': 'old\n' });
    fs.symlinkSync('target.jsonl', path.join(dir, 'link.jsonl'));
    const linked = await runCablesCli(['export', '--to', 'jsonl', '-o', 'link.jsonl', SEED_PATH], dir);
    assert.equal(linked.exitCode, 0, linked.stderr);
    assert.ok(fs.lstatSync(path.join(dir, 'link.jsonl')).isSymbolicLink());
    assert.equal(JSON.parse(fs.readFileSync(path.join(dir, 'target.jsonl'), 'utf8')).id, path.basename(SEED_PATH));
    if (process.platform === 'win32') return;
    const fifo = path.join(dir, 'pipe');
    if (spawnSync('mkfifo', [fifo]).status !== 0) return;
    const reader = new Promise<string>((resolve) => {
      const chunks: Buffer[] = [];
      fs.createReadStream(fifo).on('data', (c) => chunks.push(c as Buffer)).on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    });
    const piped = await runCablesCli(['export', '--to', 'jsonl', '-o', 'pipe', SEED_PATH], dir);
    assert.equal(piped.exitCode, 0, piped.stderr);
    assert.equal(JSON.parse(await reader).id, path.basename(SEED_PATH));
    assert.ok(fs.statSync(fifo).isFIFO());
    if (fs.existsSync('/dev/full') && fs.statSync('/dev/full').isCharacterDevice()) {
      const full = await runCablesCli(['export', '--to', 'jsonl', '-o', '/dev/full', SEED_PATH], dir);
      assert.equal(full.exitCode, 2);
      assert.equal(full.stderr, 'cables export: cannot write /dev/full: ENOSPC\n');
      assert.ok(fs.statSync('/dev/full').isCharacterDevice());
    }
  });

  it('--help on each subcommand, and cables --help lists them', async () => {
    const exportHelp = await runCablesCli(['export', '--help'], ROOT);
    assert.equal(exportHelp.exitCode, 0);
    assert.match(exportHelp.stdout, /^Usage: cables export --to jsonl\|conll\|brat \[options\] \[-o OUT\]/);
    for (const option of ['--scheme', '--flavour', '--offsets', '--strip-markup', '--types']) assert.ok(exportHelp.stdout.includes(option), option);
    const importHelp = await runCablesCli(['import', '-h'], ROOT);
    assert.equal(importHelp.exitCode, 0);
    assert.match(importHelp.stdout, /^Usage: cables import --from jsonl\|conll\|brat \[options\] IN -o DIR/);
    for (const option of ['--cables', '--offsets', '--scheme', '--types']) assert.ok(importHelp.stdout.includes(option), option);
    const all = await runCablesCli(['--help'], ROOT);
    assert.match(all.stdout, /export +Export cables to JSONL, CoNLL or brat/);
    assert.match(all.stdout, /import +Import JSONL, CoNLL or brat/);
  });

  it('bad usage exits 2 with a message and the usage', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['export', 'seeds/'], /--to is required/],
      [['export', '--to', 'csv', 'seeds/'], /--to takes jsonl, conll, brat \(got "csv"\)/],
      [['export', '--to', 'jsonl', '--scheme', 'iob1', 'seeds/'], /--scheme is for --to conll/],
      [['export', '--to', 'conll', '--offsets', 'utf16', 'seeds/'], /--offsets is for --to jsonl \(CoNLL has no offsets\)/],
      [['export', '--to', 'brat', 'seeds/'], /--to brat writes a folder: give it with -o FOLDER/],
      [['export', '--to', 'jsonl'], /No files given/],
      [['export', '--to', 'jsonl', '--bogus', 'seeds/'], /Unknown option "--bogus"/],
      [['export', '--to', 'conll', '--scheme', 'bio', 'seeds/'], /--scheme takes iob2, iob1, bioes/],
      [['export', '--to', 'jsonl', '--types', 'PER,9X', 'seeds/'], /--types: "9X" is not a type name/],
      [['import', '--from', 'jsonl', 'x.jsonl'], /Give the folder to write the cables to with -o DIR/],
      [['import', '--from', 'jsonl', 'a.jsonl', 'b.jsonl', '-o', 'out'], /One input at a time/],
      [['import', '-o', 'out', 'a.jsonl'], /--from is required/],
      [['import', '--from', 'brat', '--offsets', 'utf16', 'b', '-o', 'out'], /--offsets is for --from jsonl \(brat counts code points\)/],
    ];
    for (const [args, message] of cases) {
      const result = await runCablesCli(args, ROOT);
      assert.equal(result.exitCode, 2, args.join(' '));
      assert.match(result.stderr, message, args.join(' '));
      assert.match(result.stderr, /Usage: cables (export|import)/);
    }
    const missing = await runCablesCli(['export', '--to', 'jsonl', 'no/such/file.cable'], ROOT);
    assert.equal(missing.exitCode, 2);
    assert.match(missing.stderr, /no such file or folder: no\/such\/file\.cable/);
  });

  it('export streams: one write per cable, in sorted order, as each is converted', async () => {
    const writes: string[] = [];
    const files = corpusFiles().slice(0, 3);
    const result = await runCablesCli(['export', '--to', 'jsonl', files[2], SEED_PATH, files[0], files[1]], ROOT, false, { stdout: { write: (s: string) => writes.push(s) } });
    assert.equal(result.exitCode, 0);
    assert.equal(result.stdout, '');
    assert.deepEqual(
      writes.map((w) => JSON.parse(w).id),
      [...files, SEED_PATH].sort().map((f) => path.basename(f)),
    );
  });

  it('a malformed cable: export with -o writes nothing and names file, line and column; on stdout the others are written', async () => {
    const dir = tempDir({ 'a.cable': fs.readFileSync(corpusFiles()[0], 'utf8'), 'bad.cable': MALFORMED, 'z.cable': seedText(), 'out.jsonl': 'previous\n', 'brat/keep.txt': 'kept' });
    const before = snapshot(dir);
    const toFile = await runCablesCli(['export', '--to', 'jsonl', '-o', 'out.jsonl', 'a.cable', 'bad.cable', 'z.cable'], dir);
    assert.equal(toFile.exitCode, 2);
    assert.match(toFile.stderr, /^cables export: bad\.cable:3:32: Unclosed tag: \[PER is never closed with "\]" on its line\. .* A malformed tag has no span to export/m);
    assert.match(toFile.stderr, /1 cable could not be exported; nothing was written to out\.jsonl\.\n$/);
    const toBrat = await runCablesCli(['export', '--to', 'brat', '-o', 'brat', '.'], dir);
    assert.equal(toBrat.exitCode, 2);
    assert.deepEqual(snapshot(dir), before, 'out.jsonl and the brat folder are untouched, no temporary file is left');

    const toStdout = await runCablesCli(['export', '--to', 'jsonl', 'a.cable', 'bad.cable', 'z.cable'], dir);
    assert.equal(toStdout.exitCode, 2);
    assert.deepEqual(
      toStdout.stdout.trim().split('\n').map((l) => JSON.parse(l).id),
      ['a.cable', 'z.cable'],
    );
    assert.match(toStdout.stderr, /1 cable could not be exported; they are left out of the output\./);
  });

  it('export refuses two cables with one file name, and a file that is not UTF-8', async () => {
    const dir = tempDir({ 'a/x.cable': '[PER A  ]\n', 'b/x.cable': '[PER B  ]\n', 'latin.cable': '' });
    fs.writeFileSync(path.join(dir, 'latin.cable'), Buffer.from([0x5b, 0x50, 0x45, 0x52, 0x20, 0xe9, 0x20, 0x20, 0x5d, 0x0a]));
    const dup = await runCablesCli(['export', '--to', 'jsonl', 'a', 'b'], dir);
    assert.equal(dup.exitCode, 2);
    assert.match(dup.stderr, /two cables are named x\.cable \(a\/x\.cable and b\/x\.cable\)/);
    const latin = await runCablesCli(['export', '--to', 'jsonl', '-o', 'o.jsonl', 'latin.cable'], dir);
    assert.equal(latin.exitCode, 2);
    assert.match(latin.stderr, /latin\.cable: it is not valid UTF-8, so its text cannot be carried exactly/);
    assert.ok(!fs.existsSync(path.join(dir, 'o.jsonl')));
  });

  it('a folder holding a file whose name has a backslash: each file read from its own path', async function () {
    if (process.platform === 'win32') this.skip();
    const dir = tempDir({ 'bs/x\\y.cable': '[PER Outer  ] x\n', 'bs/x/y.cable': '[PER Inner  ] y\n' });
    const exported = await runCablesCli(['export', '--to', 'jsonl', 'bs'], dir);
    assert.equal(exported.exitCode, 0, exported.stderr);
    const records = exported.stdout.trim().split('\n').map((l) => JSON.parse(l) as { id: string; text: string });
    assert.deepEqual(records.map((r) => [r.id, r.text]).sort(), [['x\\y.cable', 'Outer x\n'], ['y.cable', 'Inner y\n']].sort());
    const linted = await runCablesCli(['lint', '--format', 'json', 'bs'], dir);
    assert.equal(linted.exitCode, 0, linted.stderr);
    const globbed = await runCablesCli(['export', '--to', 'jsonl', 'bs/*.cable'], dir);
    assert.equal(globbed.exitCode, 0, globbed.stderr);
    assert.equal(JSON.parse(globbed.stdout).text, 'Outer x\n');
  });

  it('a tag whose text starts with a thin space (U+2009): JSONL and brat carry it back, CoNLL refuses it, naming the place', async () => {
    const cable = 'Met [PER \u2009Zoe Smith  ] and [ORG NATO\u3000  ] .\n';
    const dir = tempDir({ 'w.cable': cable });
    for (const to of ['jsonl', 'brat']) {
      const out = `out.${to}`;
      assert.equal((await runCablesCli(['export', '--to', to, '-o', out, 'w.cable'], dir)).exitCode, 0, to);
      const back = await runCablesCli(['import', '--from', to, out, '-o', `back-${to}`], dir);
      assert.equal(back.exitCode, 0, back.stderr);
      assert.equal(fs.readFileSync(path.join(dir, `back-${to}`, 'w.cable'), 'utf8'), cable, to);
    }
    const conll = await runCablesCli(['export', '--to', 'conll', '-o', 'out.conll', 'w.cable'], dir);
    assert.equal(conll.exitCode, 2);
    const column = cable.indexOf('\u2009') + 1;
    assert.match(conll.stderr, new RegExp(`^cables export: w\\.cable:1:${column}: The tag \\[PER starts with U\\+2009, which CoNLL reads as a space between words`, 'm'));
    assert.ok(!fs.existsSync(path.join(dir, 'out.conll')));
    fs.writeFileSync(path.join(dir, 'e.cable'), 'Met [ORG NATO\u3000  ] .\n');
    const endsWith = await runCablesCli(['export', '--to', 'conll', 'e.cable'], dir);
    assert.equal(endsWith.exitCode, 2);
    assert.match(endsWith.stderr, /^cables export: e\.cable:1:14: The tag \[ORG ends with U\+3000/m);
    // Stripped of its anchor, a tag may start with such a character: refused too, at the tag.
    fs.writeFileSync(path.join(dir, 's.cable'), "<code><pre>UNCLAS\n[MISC <a id='par1' href='#par1'>¶</a>\u2009Foo  ] .\n</pre></code>\n");
    const stripped = await runCablesCli(['export', '--to', 'conll', '--strip-markup', 's.cable'], dir);
    assert.equal(stripped.exitCode, 2);
    assert.match(stripped.stderr, /^cables export: s\.cable:2:7: The tag \[MISC starts with U\+2009 once its markup is stripped, which CoNLL reads/m);
    assert.equal((await runCablesCli(['export', '--to', 'conll', 's.cable'], dir)).exitCode, 0, 'unstripped, the anchor starts the tag');
    // A model's span over the text with a thin space at its edge: trimmed on the cable.
    fs.writeFileSync(path.join(dir, 'plain.cable'), 'Met \u2009Zoe Smith here .\n');
    fs.writeFileSync(path.join(dir, 'preds.jsonl'), JSON.stringify({ id: 'plain.cable', spans: [{ start: 4, end: 8, label: 'PER' }] }) + '\n');
    const model = await runCablesCli(['import', '--from', 'jsonl', 'preds.jsonl', '--cables', 'plain.cable', '-o', 'review'], dir);
    assert.equal(model.exitCode, 0, model.stderr);
    assert.equal(fs.readFileSync(path.join(dir, 'review', 'plain.cable'), 'utf8'), 'Met \u2009[PER Zoe  ] Smith here .\n');
  });

  it('--strip-markup names a tag that holds only markup (left out); options given twice are refused; a brat folder inside the input is not read back', async () => {
    const cable = "<code><pre>UNCLAS\n[MISC <a id='par1' href='#par1'>¶</a>  ]1 . [PER Bob  ] .\n</pre></code>\n";
    const dir = tempDir({ 'c/m.cable': cable });
    const stripped = await runCablesCli(['export', '--to', 'jsonl', '--strip-markup', 'c/m.cable'], dir);
    assert.equal(stripped.exitCode, 0, stripped.stderr);
    assert.deepEqual(JSON.parse(stripped.stdout).spans.map((s: { label: string }) => s.label), ['PER']);
    assert.equal(stripped.stderr, `cables export: c/m.cable:2:7: The tag [MISC holds only markup, which --strip-markup removes: it is left out of this export.\n`);
    for (const args of [['--to', 'jsonl', '--to', 'conll'], ['--to', 'conll', '--scheme', 'iob1', '--scheme', 'bioes']]) {
      const twice = await runCablesCli(['export', ...args, 'c/m.cable'], dir);
      assert.equal(twice.exitCode, 2, args.join(' '));
      assert.match(twice.stderr, /^cables export: --\w+ is given 2 times\./);
    }
    for (let run = 0; run < 2; run++) {
      const brat = await runCablesCli(['export', '--to', 'brat', '-o', 'c/brat', 'c'], dir);
      assert.equal(brat.exitCode, 0, brat.stderr);
      assert.equal(brat.stderr, 'Exported 1 cable to c/brat\n');
    }
    assert.deepEqual(fs.readdirSync(path.join(dir, 'c', 'brat')).sort(), ['m.cable.ann', 'm.cable.txt']);
  });

  it('export refuses -o naming one of its inputs; import refuses a target that is a folder; a JSONL file may start with a BOM', async () => {
    const dir = tempDir({ 'a.cable': '[PER A  ] x\n', 'in.jsonl': '\ufeff' + JSON.stringify({ id: 'a.cable', text: 'A y\n', spans: [{ start: 0, end: 1, label: 'LOC' }] }) + '\n', 'out/a.cable/keep': 'x' });
    const before = snapshot(dir);
    const over = await runCablesCli(['export', '--to', 'jsonl', '-o', 'a.cable', '.'], dir);
    assert.equal(over.exitCode, 2);
    assert.match(over.stderr, /-o a\.cable is one of the cables to export; it would be overwritten/);
    const blocked = await runCablesCli(['import', '--from', 'jsonl', 'in.jsonl', '-o', 'out'], dir);
    assert.equal(blocked.exitCode, 2);
    assert.match(blocked.stderr, /out\/a\.cable is a folder, not a file it could replace; nothing was written/);
    assert.deepEqual(snapshot(dir), before);
    const ok = await runCablesCli(['import', '--from', 'jsonl', 'in.jsonl', '-o', 'fresh'], dir);
    assert.equal(ok.exitCode, 0, ok.stderr);
    assert.equal(fs.readFileSync(path.join(dir, 'fresh', 'a.cable'), 'utf8'), '[LOC A  ] y\n');
  });

  it('brat: NAME.txt and NAME.ann per cable in the folder; .ann lines as brat reads them', async () => {
    const dir = tempDir({ 'm.cable': 'The [PER 😀Bob  ] met [LOC Rome ] .\n' });
    const result = await runCablesCli(['export', '--to', 'brat', '-o', 'out', 'm.cable'], dir);
    assert.equal(result.exitCode, 0, result.stderr);
    assert.deepEqual(listFiles(path.join(dir, 'out')), ['m.cable.ann', 'm.cable.txt']);
    assert.equal(fs.readFileSync(path.join(dir, 'out', 'm.cable.txt'), 'utf8'), 'The 😀Bob met Rome .\n');
    assert.equal(fs.readFileSync(path.join(dir, 'out', 'm.cable.ann'), 'utf8'), 'T1\tPER 4 8\t😀Bob\nT2\tLOC 13 17\tRome\n#1\tAnnotatorNotes T2\ttagSpacing {"close":" "}\n');
  });

  describe('import: bad input writes nothing', () => {
    const CABLE = 'The [PER Bob  ] met Ann in [LOC Rome  ] .\nNext line .\n';
    const UNTAGGED = 'The Bob met Ann in Rome .\nNext line .\n';
    const good = JSON.stringify({ id: 'good.cable', text: UNTAGGED, spans: [{ start: 4, end: 7, label: 'PER' }] });
    const rec = (spans: unknown[], extra: Record<string, unknown> = {}) => JSON.stringify({ id: 'm.cable', text: UNTAGGED, spans, ...extra });
    const cases: Array<[string, string, string[], RegExp]> = [
      ['invalid JSON', `${good}\n{"id": "m.cable", "text": \n`, [], /^cables import: in\.jsonl:2: invalid JSON: /m],
      ['a span out of range', `${good}\n${rec([{ start: 30, end: 50, label: 'PER' }])}\n`, [], /^cables import: in\.jsonl:2, span 1: the span 30–50 is out of range: the text has 38 code points\.$/m],
      [
        'overlapping spans',
        `${good}\n${rec([
          { start: 4, end: 11, label: 'PER' },
          { start: 8, end: 15, label: 'PER' },
        ])}\n`,
        [],
        /^cables import: in\.jsonl:2, span 2: the span "met Ann" overlaps "Bob met" \(in\.jsonl:2, span 1\); tags never overlap\.$/m,
      ],
      ['a span holding "]"', `${JSON.stringify({ id: 'm.cable', text: 'a [ x ] b\n', spans: [{ start: 4, end: 7, label: 'PER' }] })}\n`, [], /in\.jsonl:1, span 1: the span "x \]" contains "\]", which a tag cannot hold\./],
      ['an unknown label', `${good}\n${rec([{ start: 19, end: 23, label: 'GPE' }])}\n`, [], /in\.jsonl:2, span 1: unknown label "GPE": the entity types are PER, ORG, LOC, MISC \(allow more with --types, or the setting taggedCables\.entityTypes\)\./],
      ['a span crossing a line break', `${rec([{ start: 19, end: 30, label: 'LOC' }])}\n`, [], /in\.jsonl:1, span 1: the span "Rome \.\\nNext" crosses a line break/],
      [
        'a text that is not the cable\'s',
        `${JSON.stringify({ id: 'm.cable', text: UNTAGGED.replace('Next', 'Last'), spans: [] })}\n`,
        ['--cables', 'cables'],
        /^cables import: in\.jsonl:1 \(id "m\.cable"\): the text is not the untagged text of cables\/m\.cable: they differ at offset 26 \(code points\): "Last line \.\\n" in the record, "Next line \.\\n" in the cable\.$/m,
      ],
      ['a record for no cable', `${JSON.stringify({ id: 'other.cable', spans: [] })}\n`, ['--cables', 'cables'], /in\.jsonl:1 \(id "other\.cable"\): no cable named other\.cable among --cables cables\./],
      [
        'an id too long for a file name, after a good one',
        `${good}\n${JSON.stringify({ id: `${'é'.repeat(128)}.cable`, text: UNTAGGED, spans: [] })}\n`,
        [],
        /in\.jsonl:2 \(id "é{128}\.cable"\): the id is too long for a file name \(262 bytes in UTF-8; at most 255\)\./,
      ],
      // JSON can spell half of a UTF-16 pair; UTF-8 cannot write it (it would become U+FFFD).
      ['a lone surrogate in the text', `${good}\n${JSON.stringify({ id: 'm.cable', text: 'A \ud83d b\n', spans: [] })}\n`, [], /in\.jsonl:2 \(id "m\.cable"\): the text holds half of a UTF-16 pair \(U\+D83D\) at offset 2 \(UTF-16\), which UTF-8 cannot carry/],
      ['a lone surrogate in the id', `${good}\n${JSON.stringify({ id: 's\ud800.cable', text: UNTAGGED, spans: [] })}\n`, [], /in\.jsonl:2 .*: the id "s\\ud800\.cable" holds half of a UTF-16 pair, which a file name in UTF-8 cannot carry\./],
      ['a span starting far out of range', `${good}\n${rec([{ start: 1e30, end: 5, label: 'PER' }])}\n`, [], /in\.jsonl:2, span 1: the span 1e\+30–5 is out of range: the text has 38 code points\./],
      [
        'a text that is the cable\'s but for its line ends',
        `${JSON.stringify({ id: 'm.cable', text: UNTAGGED.replace(/\n/g, '\r\n'), spans: [] })}\n`,
        ['--cables', 'cables'],
        /in\.jsonl:1 \(id "m\.cable"\): the text is the untagged text of cables\/m\.cable but for its line ends \(CRLF in the record, LF in the cable\)\./,
      ],
    ];
    for (const [what, content, extra, message] of cases) {
      it(what, async () => {
        const dir = tempDir({ 'in.jsonl': content, 'out/m.cable': 'existing\n', 'cables/m.cable': CABLE });
        const before = snapshot(dir);
        const result = await runCablesCli(['import', '--from', 'jsonl', 'in.jsonl', '-o', 'out', ...extra], dir);
        assert.equal(result.exitCode, 2);
        assert.match(result.stderr, message);
        assert.match(result.stderr, /nothing was written\.?\n$|Nothing was written\.\n$/);
        assert.deepEqual(snapshot(dir), before, 'out/ is untouched, good.cable is not written');
      });
    }

    it('an .ann whose text does not match the .txt', async () => {
      const dir = tempDir({ 'b/m.cable.txt': UNTAGGED, 'b/m.cable.ann': 'T1\tPER 4 7\tBob\nT2\tLOC 19 23\tRoma\n', 'b/ok.cable.txt': 'x\n', 'b/ok.cable.ann': '' });
      const before = snapshot(dir);
      const result = await runCablesCli(['import', '--from', 'brat', 'b', '-o', 'out'], dir);
      assert.equal(result.exitCode, 2);
      assert.match(result.stderr, /^cables import: b\/m\.cable\.ann:2 \(T2\): the span's text "Roma" is not the text at 19–23, "Rome"\.$/m);
      assert.deepEqual(snapshot(dir), before);
    });

    it('a stripped text with a typo: the difference named against the stripped text, where it is', async () => {
      const cable = "<code><pre>UNCLAS\n<a id='par1' href='#par1'>¶</a>1 . [PER Bob  ] went to Brussels .\n</pre></code>\n";
      const stripped = 'UNCLAS\n1 . Bob went to Brussles .\n';
      const dir = tempDir({ 'in.jsonl': JSON.stringify({ id: 'm.cable', text: stripped, spans: [] }) + '\n', 'cables/m.cable': cable });
      const result = await runCablesCli(['import', '--from', 'jsonl', 'in.jsonl', '--cables', 'cables', '-o', 'out'], dir);
      assert.equal(result.exitCode, 2);
      const at = stripped.indexOf('Brussles') + 'Bruss'.length;
      assert.match(result.stderr, new RegExp(`without its markup \\(--strip-markup\\): they differ at offset ${at} \\(code points\\): "les \\.\\\\n" in the record, "els \\.\\\\n\\\\n" in the cable\\.`));
    });

    it('brat offsets counted in UTF-16: named as such, with no option to suggest', async () => {
      // "😀" is one code point and two UTF-16 units: "Bob" is at 2–5 in code points, 3–6 in UTF-16.
      const dir = tempDir({ 'b/m.cable.txt': '😀 Bob\n', 'b/m.cable.ann': 'T1\tPER 3 6\tBob\n' });
      const result = await runCablesCli(['import', '--from', 'brat', 'b', '-o', 'out'], dir);
      assert.equal(result.exitCode, 2);
      assert.match(result.stderr, /the span's text "Bob" is not the text at 3–6, "ob\\n"\. The offsets fit as UTF-16 units, but brat counts code points/);
      assert.doesNotMatch(result.stderr, /--offsets/);
      fs.writeFileSync(path.join(dir, 'b', 'm.cable.ann'), 'T1\tPER 2 5\tBob\n');
      const ok = await runCablesCli(['import', '--from', 'brat', 'b', '-o', 'out'], dir);
      assert.equal(ok.exitCode, 0, ok.stderr);
      assert.equal(fs.readFileSync(path.join(dir, 'out', 'm.cable'), 'utf8'), '😀 [PER Bob  ]\n');
    });

    it('CoNLL tags the scheme does not allow', async () => {
      const dir = tempDir({ 'in.conll': '-DOCSTART- id=m.cable O\n\nThe O\nBob I-PER\n' });
      const result = await runCablesCli(['import', '--from', 'conll', 'in.conll', '-o', 'out'], dir);
      assert.equal(result.exitCode, 2);
      assert.match(result.stderr, /^cables import: in\.conll:4: I-PER does not continue a PER entity: in IOB2 an entity starts with B-PER \(if the file is IOB1, give --scheme iob1\)\. Nothing was written\.$/m);
      assert.ok(!fs.existsSync(path.join(dir, 'out')));
    });
  });

  it('model output: JSONL spans over the cables\' text become their tags, reviewable in the editor', async () => {
    const CABLE = 'The [PER Bob ] met Ann in Rome .\nNext line .\n';
    const dir = tempDir({ 'cables/m.cable': CABLE, 'cables/n.cable': 'Nothing [ORG here ] .\n' });
    // A model's output: no text, offsets in code points; the model tags Ann and Rome, drops Bob, and tags a GPE.
    const preds = [
      { id: 'm.cable', spans: [{ start: 12, end: 15, label: 'PER' }, { start: 19, end: 23, label: 'GPE' }] },
      { id: 'n.cable', label: [] },
    ];
    fs.writeFileSync(path.join(dir, 'preds.jsonl'), preds.map((p) => JSON.stringify(p)).join('\n') + '\n');
    const result = await runCablesCli(['import', '--from', 'jsonl', 'preds.jsonl', '--cables', 'cables', '--types', 'PER,ORG,LOC,MISC,GPE', '-o', 'reviewed'], dir);
    assert.equal(result.exitCode, 0, result.stderr);
    assert.equal(fs.readFileSync(path.join(dir, 'reviewed', 'm.cable'), 'utf8'), 'The Bob met [PER Ann ] in [GPE Rome ] .\nNext line .\n');
    assert.equal(fs.readFileSync(path.join(dir, 'reviewed', 'n.cable'), 'utf8'), 'Nothing here .\n');
    assert.equal(fs.readFileSync(path.join(dir, 'cables', 'm.cable'), 'utf8'), CABLE, 'the cables read are not changed');
    // In place: -o the cables' own folder replaces them.
    const inPlace = await runCablesCli(['import', '--from', 'jsonl', 'preds.jsonl', '--cables', 'cables', '--types', 'PER,ORG,LOC,MISC,GPE', '-o', 'cables'], dir);
    assert.equal(inPlace.exitCode, 0, inPlace.stderr);
    assert.equal(fs.readFileSync(path.join(dir, 'cables', 'm.cable'), 'utf8'), 'The Bob met [PER Ann ] in [GPE Rome ] .\nNext line .\n');
    assert.deepEqual(listFiles(path.join(dir, 'cables')), ['m.cable', 'n.cable'], 'no temporary file is left');
  });

  it('model output over --strip-markup text goes back onto the cable, anchors and wrapper kept', async () => {
    const CABLE = "<code><pre>UNCLAS x <a id='par1' href='#par1'>¶</a>1 . Bob met Ann .\n</pre></code>\n";
    const dir = tempDir({ 'c/s.cable': CABLE });
    const exported = await runCablesCli(['export', '--to', 'jsonl', '--strip-markup', 'c'], dir);
    const record = JSON.parse(exported.stdout);
    assert.equal(record.text, 'UNCLAS x 1 . Bob met Ann .\n\n');
    record.spans = [{ start: 13, end: 16, label: 'PER', text: 'Bob' }];
    fs.writeFileSync(path.join(dir, 'p.jsonl'), JSON.stringify(record) + '\n');
    const result = await runCablesCli(['import', '--from', 'jsonl', 'p.jsonl', '--cables', 'c', '-o', 'out'], dir);
    assert.equal(result.exitCode, 0, result.stderr);
    assert.equal(fs.readFileSync(path.join(dir, 'out', 's.cable'), 'utf8'), "<code><pre>UNCLAS x <a id='par1' href='#par1'>¶</a>1 . [PER Bob  ] met Ann .\n</pre></code>\n");
  });

  it('a brat .ann without its .txt takes the text from --cables', async () => {
    const dir = tempDir({ 'cables/m.cable': 'The Bob met Ann .\n', 'pred/m.cable.ann': 'T1\tPER 12 15\tAnn\n' });
    const missing = await runCablesCli(['import', '--from', 'brat', 'pred/m.cable.ann', '-o', 'out'], dir);
    assert.equal(missing.exitCode, 2);
    assert.match(missing.stderr, /pred\/m\.cable\.ann: its text pred\/m\.cable\.txt is missing \(or give --cables/);
    const result = await runCablesCli(['import', '--from', 'brat', 'pred/m.cable.ann', '--cables', 'cables', '-o', 'out'], dir);
    assert.equal(result.exitCode, 0, result.stderr);
    assert.equal(fs.readFileSync(path.join(dir, 'out', 'm.cable'), 'utf8'), 'The Bob met [PER Ann  ] .\n');
  });
});
