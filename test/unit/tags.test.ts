import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { GEO_TAGS, SUBJECT_TAGS, TAG_AREAS, describeTag } from '../../server/src/core/data/tags';

const ROOT = path.resolve(__dirname, '../..');
const CORPUS = path.join(ROOT, 'test/fixtures/corpus');

// The TAGS field: from the first `TAGS`/`TAG` label to the next header label.
const LABEL_RE = /\bTAGS?\b\s*:?/i;
const END_RE = /\b(?:SUBJECT|SUBJ|REF|REFS|REFTEL|Classified\s+By|Summary)\b/i;
const ENTITY_RE = /\[(?:LOC|ORG|PER|MISC)\s+([^\]]*?)\s*\]/g;
// Subject tags and K-tags: four letters, the first one an area letter.
const SUBJECT_RE = /^[ABCEKMOPST][A-Z]{3}$/;

/** The TAGS entries of a cable, upper-cased; names in parentheses (`OVIP ( CLINTON )`) are dropped. */
function tagsEntries(text: string): string[] {
  const label = LABEL_RE.exec(text);
  if (!label) return [];
  const rest = text.slice(label.index + label[0].length);
  const end = END_RE.exec(rest);
  const field = rest
    .slice(0, end ? end.index : 300)
    .replace(ENTITY_RE, ' $1 ')
    .replace(/\([^)]*\)?/g, ' ');
  return field
    .split(/[\s,]+/)
    .map((t) => t.replace(/^[.;:]+|[.;:]+$/g, '').toUpperCase())
    .filter(Boolean);
}

function corpusEntries(): string[] {
  const files = fs.readdirSync(CORPUS).filter((f) => f.endsWith('.cable')).sort();
  return files.flatMap((f) => tagsEntries(fs.readFileSync(path.join(CORPUS, f), 'utf8')));
}

/** Distinct entries by descending count; ties keep first-appearance order (corpus files sorted by name). */
function byFrequency(entries: string[]): Array<[string, number]> {
  const counts = new Map<string, number>();
  for (const e of entries) counts.set(e, (counts.get(e) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]);
}


describe('TAGS data', () => {
  const entries = corpusEntries();
  const ranked = byFrequency(entries);
  const subjectRanked = ranked.filter(([e]) => SUBJECT_RE.test(e));

  it('extracts the TAGS lines of the corpus', () => {
    assert.ok(fs.readdirSync(CORPUS).filter((f) => f.endsWith('.cable')).length >= 300);
    assert.ok(entries.length > 1500, `only ${entries.length} entries`);
    assert.deepEqual(tagsEntries('TAGS MOPS , PREL , PGOV , [ORG NATO  ] , [LOC UK  ] SUBJECT: X'), [
      'MOPS',
      'PREL',
      'PGOV',
      'NATO',
      'UK',
    ]);
    assert.deepEqual(tagsEntries('E.O. 12958: N/A TAGS: PREL MARR PGOV AF GM SUBJECT: X'), ['PREL', 'MARR', 'PGOV', 'AF', 'GM']);
    assert.deepEqual(tagsEntries('Tags: ovip ( steinberg , james b .\n) , prel , ch Subject: x'), ['OVIP', 'PREL', 'CH']);
  });

  it('gives a meaning to every subject or K-tag used twice or more', () => {
    const missing = subjectRanked.filter(([e, n]) => n >= 2 && !describeTag(e).meaning).map(([e]) => e);
    assert.deepEqual(missing, []);
  });

  it('gives a meaning to each of the 60 most frequent subject and K-tags', () => {
    assert.ok(subjectRanked.length >= 60, `only ${subjectRanked.length} distinct subject tags`);
    const top = subjectRanked.slice(0, 60);
    for (const [e, n] of top) {
      const tag = describeTag(e);
      assert.notEqual(tag.kind, 'unknown', `${e} (${n}×) is unknown`);
      assert.ok(tag.meaning, `${e} (${n}×) has no meaning`);
    }
  });

  it('says plainly when an entry is not a standard code', () => {
    assert.match(describeTag('ECUN').meaning!, /not a standard TAGS code; most likely ECON/);
  });

  it('describes at least 95% of all TAGS entry occurrences', () => {
    const unknown = entries.filter((e) => describeTag(e).kind === 'unknown');
    const described = entries.length - unknown.length;
    const share = described / entries.length;
    assert.ok(
      share >= 0.95,
      `${described}/${entries.length} described (${(share * 100).toFixed(1)}%); unknown: ${[...new Set(unknown)].join(' ')}`,
    );
  });

  it('knows the common subject tags', () => {
    assert.deepEqual(describeTag('PREL'), { kind: 'subject', meaning: 'External political relations', area: 'Political affairs' });
    assert.deepEqual(describeTag('PGOV'), { kind: 'subject', meaning: 'Internal governmental affairs', area: 'Political affairs' });
    assert.equal(describeTag('MOPS').meaning, 'Military operations');
    assert.equal(describeTag('MOPS').area, 'Military and defense affairs');
    assert.equal(describeTag('MARR').meaning, 'Military and defense arrangements');
    assert.equal(describeTag('PINR').meaning, 'Intelligence');
    assert.equal(describeTag('PTER').meaning, 'Terrorists and terrorism');
  });

  it('treats K-tags as program tags', () => {
    assert.deepEqual(describeTag('KNNP'), { kind: 'program', meaning: 'Nuclear non-proliferation', area: 'Program/topic (K-tags)' });
    assert.equal(describeTag('KDEM').kind, 'program');
    assert.equal(describeTag('KDEM').meaning, 'Democratization');
  });

  it('reads geographic tags as FIPS 10-4 codes, not ISO', () => {
    const geo = (code: string) => {
      const tag = describeTag(code);
      assert.equal(tag.kind, 'geo', code);
      return tag.meaning;
    };
    assert.equal(geo('UK'), 'United Kingdom');
    assert.equal(geo('GM'), 'Germany');
    assert.equal(geo('SP'), 'Spain');
    assert.equal(geo('CH'), 'China');
    assert.equal(geo('IR'), 'Iran');
    assert.equal(geo('RS'), 'Russia');
    assert.equal(geo('AS'), 'Australia');
    assert.equal(geo('SZ'), 'Switzerland');
    assert.equal(geo('EZ'), 'Czech Republic');
    assert.match(geo('AU')!, /^Austria/);
    const countries = Object.keys(GEO_TAGS).filter((k) => /^[A-Z]{2}$/.test(k));
    assert.ok(countries.length >= 250, `only ${countries.length} two-letter codes`);
  });

  it('knows organization tags', () => {
    assert.deepEqual(describeTag('NATO'), { kind: 'organization', meaning: 'North Atlantic Treaty Organization' });
    assert.equal(describeTag('UNSC').kind, 'organization');
    assert.equal(describeTag('EUN').meaning, 'European Union');
    assert.equal(describeTag('EU').meaning, 'European Union');
    assert.equal(describeTag('IAEA').kind, 'organization');
  });

  it('is case-insensitive and reads entity-wrapped entries', () => {
    assert.deepEqual(describeTag('prel'), describeTag('PREL'));
    assert.equal(describeTag('gm').meaning, 'Germany');
    assert.equal(describeTag('[LOC UK  ]').meaning, 'United Kingdom');
    assert.equal(describeTag('[ORG NATO  ]').kind, 'organization');
  });

  it('reports unknown entries, with the area of an unknown four-letter tag', () => {
    assert.deepEqual(describeTag('FREEDOM'), { kind: 'unknown' });
    assert.deepEqual(describeTag('PGOF'), { kind: 'unknown', area: 'Political affairs' });
  });

  it('has an area for every subject tag letter', () => {
    for (const tag of Object.keys(SUBJECT_TAGS)) {
      assert.match(tag, /^[A-Z]{4}$/, tag);
      assert.ok(TAG_AREAS[tag[0]], `no area for ${tag}`);
    }
  });
});
