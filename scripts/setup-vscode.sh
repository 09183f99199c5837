#!/usr/bin/env bash
# Install what the real-VS-Code tests need to run the extension in a real
# VS Code on a closed network (the end-to-end checks, test/e2e/, and the
# integration tests through test/vscode/vscode-shim.mjs; both run this first):
#   - Debian's headless-capable Chromium (/usr/bin/chromium),
#   - code-server 4.96.4 (VS Code 1.96) and playwright-core, in .vscode-test/
#     (its own package.json; the repo's package.json is not touched).
# code-server is used because the usual VS Code download is out of reach on a
# closed network; its npm install needs the steps below. Idempotent: a fast no-op when
# everything is already in place. Safe to run in CI (no prompts).
set -euo pipefail

CODE_SERVER_VERSION=4.96.4
PLAYWRIGHT_CORE_VERSION=1.65.1

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIR="$ROOT/.vscode-test"
VSCODE="$DIR/node_modules/code-server/lib/vscode"
STAMP="$DIR/.setup-done"
STAMP_CONTENT="code-server@$CODE_SERVER_VERSION playwright-core@$PLAYWRIGHT_CORE_VERSION v1"

log() { printf '[setup-vscode] %s\n' "$*"; }

# ---------------------------------------------------------------- chromium
if [ ! -x /usr/bin/chromium ]; then
  log "installing Debian chromium"
  SUDO=""
  if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -q
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends chromium
fi
[ -x /usr/bin/chromium ] || { log "ERROR: /usr/bin/chromium still missing"; exit 1; }

# ---------------------------------------------------------------- code-server
is_complete() {
  [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$STAMP_CONTENT" ] \
    && [ -f "$DIR/node_modules/code-server/out/node/entry.js" ] \
    && [ -f "$DIR/node_modules/playwright-core/package.json" ] \
    && [ -e "$VSCODE/node_modules.asar" ] \
    && [ -e "$VSCODE/node_modules/@vscode/proxy-agent/package.json" ]
}

if is_complete; then
  log "already set up ($STAMP_CONTENT) in $DIR"
  exit 0
fi

log "installing code-server@$CODE_SERVER_VERSION + playwright-core@$PLAYWRIGHT_CORE_VERSION into $DIR"
rm -f "$STAMP"
mkdir -p "$DIR"
cd "$DIR"
if [ ! -f package.json ]; then
  cat > package.json <<EOF
{
  "name": "tagged-cables-vscode-test",
  "private": true,
  "description": "Real VS Code (code-server) for the tagged-cables e2e and integration tests; installed by scripts/setup-vscode.sh",
  "license": "MIT"
}
EOF
fi

export npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false \
       npm_config_yes=true npm_config_loglevel=warn

npm install --ignore-scripts --save-exact \
  "code-server@$CODE_SERVER_VERSION" "playwright-core@$PLAYWRIGHT_CORE_VERSION"

log "building argon2 (node-pre-gyp)"
(cd node_modules/argon2 && npx --yes node-pre-gyp install --fallback-to-build)

cd "$VSCODE"
if [ -f npm-shrinkwrap.json ]; then
  # It pins @vscode/proxy-agent to a git commit, unreachable here; the
  # registry's @vscode/proxy-agent is used instead.
  mv npm-shrinkwrap.json npm-shrinkwrap.json.orig
fi
log "installing VS Code's own dependencies"
npm install --omit=dev --ignore-scripts
log "rebuilding native modules"
npm rebuild node-pty @vscode/spdlog @parcel/watcher native-watchdog @vscode/deviceid
ln -sfn node_modules node_modules.asar
(cd bin/remote-cli && ln -sfn code-linux.sh code-server)
(cd bin/helpers && ln -sfn browser-linux.sh browser.sh)

cd "$DIR"
# Smoke test; code-server writes a config file and logs under XDG folders: keep them in here.
XDG_CONFIG_HOME="$DIR/.xdg/config" XDG_DATA_HOME="$DIR/.xdg/data" \
  node node_modules/code-server/out/node/entry.js --version >/dev/null
printf '%s' "$STAMP_CONTENT" > "$STAMP"
log "done"
