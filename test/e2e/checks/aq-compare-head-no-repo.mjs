import { SEED, SEED_NAME } from '../fixtures.mjs';
import { setWorkspaceSetting } from '../git.mjs';
import {
  chooseQuickPickItem, clearNotifications, comparisonStatus, notificationTexts, openCable, runCommand, waitFor, waitQuickPick,
} from '../workbench.mjs';

const EXPECTED = `Cannot compare with HEAD: ${SEED_NAME} is not in a git repository. Compare with another file instead.`;

export default {
  title: 'Compare Annotations With… › Git HEAD, Git on, on a cable in no git repository: "Cannot compare with HEAD: … is not in a git repository"',
  files: { [SEED_NAME]: SEED },
  timeout: 90000,
  async run({ page, own, ws }) {
    const restoreSettings = setWorkspaceSetting(ws, 'git.enabled', true);
    const seen = [];
    try {
      await openCable(page, own(SEED_NAME));
      // Again while the Git extension is still starting ("Git is disabled").
      await waitFor(`the error "${EXPECTED}"`, async () => {
        await clearNotifications(page);
        await runCommand(page, 'Tagged Cables: Compare Annotations With…');
        await waitQuickPick(page, 'Compare the annotations of');
        await chooseQuickPickItem(page, 'HEAD', 'Git HEAD');
        const message = await waitFor('an error', async () => (await notificationTexts(page)).find((t) => t.startsWith('Cannot compare with HEAD: ')), { timeout: 10000 });
        if (!seen.includes(message)) seen.push(message);
        return message === EXPECTED;
      }, { timeout: 60000, interval: 1000 }).catch((e) => {
        throw new Error(`${e.message}; seen ${JSON.stringify(seen)}`);
      });
    } finally {
      restoreSettings();
    }
    const status = await comparisonStatus(page);
    if (status) throw new Error(`the status entry shows a comparison: ${JSON.stringify(status)}`);
    return `${JSON.stringify(EXPECTED)}${seen.length > 1 ? ` (before Git had started: ${JSON.stringify(seen.slice(0, -1))})` : ''}; no comparison in the status bar`;
  },
};
