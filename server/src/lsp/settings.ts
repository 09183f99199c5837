// The server's settings: read from the client (pulled with
// `workspace/configuration`, or pushed in `initializationOptions.settings` /
// `workspace/didChangeConfiguration`), validated with defaults, and compared
// with the previous ones to tell what must be redone.

import { Connection } from 'vscode-languageserver/node';
import { CableConfig, DEFAULT_EXCLUDES, normalizeConfig } from '../core';
import type { ServerState } from './state';

export const SETTINGS_SECTION = 'taggedCables';

export interface IndexSettings {
  enabled: boolean;
  /** `taggedCables.index.exclude`. */
  exclude: string[];
  /** `taggedCables.index.cache`: keep the index on disk between sessions. */
  cache: boolean;
}

export interface ServerSettings {
  config: CableConfig;
  index: IndexSettings;
  /** The globs of `files.exclude` that are switched on. */
  filesExclude: string[];
  /** `files.exclude` as the client sent it. */
  filesExcludeRaw: unknown;
}

export interface SettingsChange {
  /** Diagnostics and analyses must be redone. */
  config: boolean;
  /** The entity types changed: cables on disk must be indexed again. */
  entityTypes: boolean;
  /** What the index covers changed. */
  index: boolean;
}

/** Settings from the client's `taggedCables` section and `files.exclude`, of any shape; warnings for what was ignored. */
export function readSettings(section: unknown, filesExclude?: unknown): { settings: ServerSettings; warnings: string[] } {
  const { config, warnings } = normalizeConfig(toCoreShape(section));
  return { settings: { config, index: indexSettings(section), filesExclude: enabledGlobs(filesExclude), filesExcludeRaw: filesExclude }, warnings };
}

export function defaultSettings(): ServerSettings {
  return readSettings(undefined).settings;
}

export function settingsChange(before: ServerSettings, after: ServerSettings): SettingsChange {
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  return {
    config: !same(before.config, after.config),
    entityTypes: !same(before.config.entityTypes, after.config.entityTypes),
    index: !same(before.index, after.index) || !same(before.filesExclude, after.filesExclude) || before.config.maxFileSize !== after.config.maxFileSize,
  };
}

/** The editor's `taggedCables.*` settings in the core's shape. */
function toCoreShape(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return raw;
  const { maxNumberOfProblems, entityTypes, rules, maxFileSizeMB } = raw as Record<string, unknown>;
  const maxFileSize = typeof maxFileSizeMB === 'number' ? maxFileSizeMB * 1024 * 1024 : maxFileSizeMB;
  return { entityTypes, rules, maxProblems: maxNumberOfProblems, maxFileSize };
}

/** `taggedCables.index.*`, with defaults. */
function indexSettings(raw: unknown): IndexSettings {
  const index = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>).index : undefined;
  const { enabled, exclude, cache } = (typeof index === 'object' && index !== null ? index : {}) as Record<string, unknown>;
  return {
    enabled: enabled !== false,
    exclude: Array.isArray(exclude) ? exclude.filter((g): g is string => typeof g === 'string') : [...DEFAULT_EXCLUDES],
    cache: cache !== false,
  };
}

/** Globs of `files.exclude` that are switched on (mapped to `true`). */
function enabledGlobs(raw: unknown): string[] {
  if (typeof raw !== 'object' || raw === null) return [];
  return Object.entries(raw as Record<string, unknown>)
    .filter(([, on]) => on === true)
    .map(([glob]) => glob);
}

/** Settings pulled with `workspace/configuration`: this extension's section and `files.exclude`. */
export async function pullSettings(connection: Connection): Promise<{ section: unknown; filesExclude: unknown }> {
  const [section, filesExclude] = await connection.workspace.getConfiguration([{ section: SETTINGS_SECTION }, { section: 'files.exclude' }]);
  return { section, filesExclude };
}

/** Reads the settings again from the client (pull), and applies them. */
export async function loadSettings(state: ServerState): Promise<void> {
  let section: unknown = undefined;
  let filesExclude: unknown = undefined;
  try {
    ({ section, filesExclude } = await pullSettings(state.connection));
  } catch (error) {
    state.log(`Could not read settings: ${String(error)}`);
  }
  applySettings(state, section, filesExclude);
  state.diagnostics.release();
}

/** Applies settings of any shape: the core's configuration, the index, and every open cable's diagnostics. */
export function applySettings(state: ServerState, section: unknown, filesExclude?: unknown): void {
  const { settings, warnings } = readSettings(section, filesExclude ?? state.settings.filesExcludeRaw);
  for (const w of warnings) state.connection.console.warn(`Settings: ${w}`);
  const change = settingsChange(state.settings, settings);
  state.settings = settings;
  if (change.config) state.service.setConfig(settings.config);
  state.index.configure();
  state.diagnostics.all();
}
