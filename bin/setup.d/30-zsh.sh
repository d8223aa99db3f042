#!/usr/bin/env bash
# `sluice completion zsh` is tested in a real zsh (ZshCompletionIT in tests/engines).
set -euo pipefail
if command -v zsh >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "30-zsh: zsh is missing; run bin/setup as root" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends zsh >/dev/null
