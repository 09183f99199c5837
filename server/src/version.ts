// The version, from package.json only.

import { version } from '../../package.json';

export const VERSION: string = version;
