import fs from 'node:fs';
import path from 'node:path';
import { ADDED_NAME, ADDED_SOURCE, corpusCable } from '../fixtures.mjs';
import { watchOtherCables } from '../indexWatch.mjs';

const MOVED_FOLDER = 'incoming'; // moved into this check's folder from outside the workspace

export default {
  title: 'a folder of cables moved into the workspace joins the index',
  files: {},
  async run({ page, own, abs, tmp, indexedCables }) {
    const outside = path.join(tmp, MOVED_FOLDER);
    const inside = abs(own(MOVED_FOLDER));
    fs.mkdirSync(outside, { recursive: true });
    fs.copyFileSync(corpusCable(ADDED_SOURCE), path.join(outside, ADDED_NAME));
    const watch = await watchOtherCables(page, indexedCables);
    await watch.expect(watch.others, 'before');
    // One rename, as `mv`, a checkout or an unzip into the workspace does it.
    fs.renameSync(outside, inside);
    try {
      await watch.expect(watch.others + 1, `after ${own(MOVED_FOLDER)}/ (holding ${ADDED_NAME}) was moved into the workspace`);
    } finally {
      fs.rmSync(inside, { recursive: true, force: true });
    }
    await watch.expect(watch.others, `after ${own(MOVED_FOLDER)}/ was deleted`);
    return `the entity entry went ${watch.others} → ${watch.others + 1} → ${watch.others} other cables as ${own(MOVED_FOLDER)}/${ADDED_NAME} was moved in and deleted`;
  },
};
