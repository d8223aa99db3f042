#!/usr/bin/env bash
# `sluice completion zsh` is tested in a real zsh (ZshCompletionIT in tests/engines).
set -euo pipefail
if command -v zsh >/dev/null 2>&1; then
  exit 0
fi
source "$(dirname "${BASH_SOURCE[0]}")/apt-install.bash"
apt_install 30-zsh "zsh is missing" zsh
