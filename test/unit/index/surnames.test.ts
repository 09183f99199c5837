// The surname rule across cables: a one-word PER entity (`Pickard`) and the
// one multi-word PER entity of the workspace ending in that word (`Nicolas
// Pickard`) are related; with two such names, or without a PER tag, they are not.

import * as assert from 'node:assert/strict';
import { indexBehind } from '../../../server/src/core/service';
import { corpusCable, corpusCables, fixture, seedCable, SEED_URI } from '../../fixture';

const P = 'file:///ws/p.cable';
const PICKARD_ONLY = 'The Ambassador met [PER Pickard  ] twice; [PER Pickard  ] agreed .';

describe('index: the surname rule across cables', () => {
  // The seed tags `Nicolas Pickard` once and `Pickard` 13 times (grep).
  it('the seed groups Pickard into Nicolas Pickard', () => {
    const f = fixture('', { open: [seedCable()] });
    const entities = f.service.cableEntities(SEED_URI).filter((e) => e.name.includes('Pickard'));
    assert.deepEqual(entities, [{ key: 'nicolas pickard', name: 'Nicolas Pickard', type: 'PER', mentions: 14, types: [['PER', 14]] }]);
  });

  it('a lone Pickard relates to the one Nicolas Pickard; Ann Pickard makes it ambiguous; removing her relates them again', () => {
    const f = fixture('', { closed: [seedCable(), { uri: P, text: PICKARD_ONLY }] });
    const index = indexBehind(f.service);
    assert.deepEqual(index.relatedKeys('pickard'), ['pickard', 'nicolas pickard']);
    assert.deepEqual(index.relatedKeys('nicolas pickard'), ['nicolas pickard', 'pickard']);
    assert.deepEqual(index.cablesOf(index.relatedKeys('pickard'), P), [SEED_URI]);

    const abuja = corpusCable('09ABUJA1907.cable');
    f.service.indexSource({ uri: abuja.uri, version: 1, text: abuja.text });
    assert.equal(index.entity('ann pickard')!.type, 'PER');
    assert.deepEqual(index.relatedKeys('pickard'), ['pickard']);
    assert.deepEqual(index.relatedKeys('nicolas pickard'), ['nicolas pickard']);
    assert.deepEqual(index.relatedKeys('ann pickard'), ['ann pickard']);

    assert.equal(f.service.removeFromIndex(abuja.uri), true);
    assert.deepEqual(index.relatedKeys('pickard'), ['pickard', 'nicolas pickard']);
    assert.deepEqual(index.relatedKeys('nicolas pickard'), ['nicolas pickard', 'pickard']);
  });

  it('the same full name in several cables is still one name', () => {
    const f = fixture(`
//- /ws/seed.cable (closed)
( C ) [PER Nicolas Pickard  ] , head of the group .
//- /ws/np.cable (closed)
Then [PER Nicolas Pickard  ] left .
//- /ws/p.cable (closed)
${PICKARD_ONLY}
`);
    const index = indexBehind(f.service);
    assert.deepEqual(index.relatedKeys('pickard'), ['pickard', 'nicolas pickard']);
    f.service.removeFromIndex(f.uri('seed.cable'));
    assert.deepEqual(index.relatedKeys('pickard'), ['pickard', 'nicolas pickard']);
    f.service.removeFromIndex(f.uri('np.cable'));
    assert.deepEqual(index.relatedKeys('pickard'), ['pickard']);
  });

  it('a one-word key tagged only ORG, or a full name tagged ORG, is not related', () => {
    const orgSurname = indexBehind(
      fixture(`
//- /ws/seed.cable (closed)
( C ) [PER Nicolas Pickard  ] , head of the group .
//- /ws/p.cable (closed)
The [ORG Pickard  ] group and [ORG Pickard  ] again .
`).service,
    );
    assert.equal(orgSurname.entity('pickard')!.type, 'ORG');
    assert.deepEqual(orgSurname.relatedKeys('pickard'), ['pickard']);
    assert.deepEqual(orgSurname.relatedKeys('nicolas pickard'), ['nicolas pickard']);

    const orgFullName = indexBehind(
      fixture(`
//- /ws/org.cable (closed)
The [ORG Acme Ford  ] plant .
//- /ws/p.cable (closed)
Met [PER Ford  ] .
`).service,
    );
    assert.deepEqual(orgFullName.relatedKeys('ford'), ['ford']);
    assert.deepEqual(orgFullName.relatedKeys('acme ford'), ['acme ford']);
  });

  // Every related pair of the corpus and the seed, found by a script over the
  // files (tag regex and keys as above; a PER one-word key and the only PER
  // multi-word key of the workspace ending in it). Tagger output: `lt gen`,
  // `unrequited alba` are the workspace's only full names for `gen`, `alba`.
  const RELATED: Array<[string, string]> = [
    ['advisor barney rubin', 'rubin'], ['aguirre jr', 'jr'], ['ambassador gary', 'gary'], ['ambassador gustavo', 'gustavo'],
    ['ambassador janet', 'janet'], ['ambassador stephens', 'stephens'], ['ambassador wayne', 'wayne'], ['ambassador zhang', 'zhang'],
    ['ariel sharon', 'sharon'], ['aydin dogan', 'dogan'], ['bernardino leon', 'leon'], ['brian grant', 'grant'], ['chancellor angela', 'angela'],
    ['charles taylor', 'taylor'], ['commander oscar', 'oscar'], ['congressman tom cole', 'cole'], ['counselor yang', 'yang'],
    ['daniel russell', 'russell'], ['dawood ibrahim', 'ibrahim'], ['director diego', 'diego'], ['first president', 'president'],
    ['hafiz saeed', 'saeed'], ['jaber al-jalahmah', 'al-jalahmah'], ['jaysh al-mahdi', 'al-mahdi'], ['leon january', 'january'],
    ['lindsay gardner', 'gardner'], ['lt gen', 'gen'], ['meaghen mcdermott', 'mcdermott'], ['michael jackson', 'jackson'],
    ['mikhail gorbachev', 'gorbachev'], ['minister felipe perez', 'perez'], ['minister miguel angel', 'angel'], ['mubarak al-bathali', 'al-bathali'],
    ['nidia diaz', 'diaz'], ['novillo aguilar', 'aguilar'], ['nuri al-maliki', 'al-maliki'], ['policy stephen', 'stephen'],
    ['president alvaro', 'alvaro'], ['president calderon', 'calderon'], ['president daniel', 'daniel'], ['president hugo', 'hugo'],
    ['president joseph lambert', 'lambert'], ['president yushchenko', 'yushchenko'], ['prince andrew', 'andrew'], ['prince turki', 'turki'],
    ['queen elizabeth', 'elizabeth'], ['reintegration frank', 'frank'], ['richard olson', 'olson'], ['robert richard', 'richard'],
    ['secretary gordon', 'gordon'], ['senator nelson', 'nelson'], ['sigmar gabriel', 'gabriel'], ['tommy thompson', 'thompson'],
    ['unrequited alba', 'alba'], ['viktor yanukovych', 'yanukovych'], ['wang yi', 'yi'], ['yuri kim', 'kim'],
  ];

  it('on the corpus and the seed: 57 related pairs, every other key alone', () => {
    const index = indexBehind(fixture('', { closed: [...corpusCables(), seedCable()] }).service);
    assert.equal(RELATED.length, 57);
    const paired = new Map<string, string>();
    for (const [full, surname] of RELATED) {
      assert.deepEqual(index.relatedKeys(full), [full, surname]);
      assert.deepEqual(index.relatedKeys(surname), [surname, full]);
      paired.set(full, surname).set(surname, full);
    }
    const keys = index.entities().map((e) => e.key);
    assert.equal(keys.length, 4974);
    for (const key of keys) if (!paired.has(key)) assert.deepEqual(index.relatedKeys(key), [key], key);
  });
});
