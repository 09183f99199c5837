#!/usr/bin/env bash
# Install Neovim (Debian's package) for the test of the documented Neovim
# set-up (test/editors/neovim.test.ts). A fast no-op when it is there.
set -euo pipefail
if command -v nvim >/dev/null 2>&1; then
  echo "[setup-editors] $(nvim --version | head -n 1) already installed"
  exit 0
fi
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q || true
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends neovim
echo "[setup-editors] $(nvim --version | head -n 1) installed"
