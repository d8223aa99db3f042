#!/usr/bin/env bash
# Installs dynalite (MIT), an open-source server of the DynamoDB HTTP/JSON API on Node.js, into
# .sluice/tools/dynalite (git-ignored). EmbeddedDynamoDb runs it for `sluice kv`, `sluice load kv`,
# `sluice services up --dynamodb-port` and the key-value tests. Versions are pinned by the committed
# package-lock.json next to this script; npm ci installs exactly those. Idempotent: skips when the
# installed lock file is the committed one and the server is present.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SRC="$ROOT/bin/setup.d/dynalite"
DEST="$ROOT/.sluice/tools/dynalite"

node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1 || [ "$(node_major)" -lt 18 ]; then
  echo "20-dynalite: installing Node.js and npm from Debian's packages" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq nodejs npm >/dev/null
fi
if [ "$(node_major)" -lt 18 ]; then
  echo "20-dynalite: Node.js 18 or newer is needed for dynalite, found $(node --version 2>/dev/null || echo none)" >&2
  exit 1
fi

if [ -f "$DEST/node_modules/dynalite/cli.js" ] && cmp -s "$SRC/package-lock.json" "$DEST/package-lock.json"; then
  echo "20-dynalite: dynalite already installed in $DEST" >&2
  exit 0
fi
mkdir -p "$DEST"
cp "$SRC/package.json" "$SRC/package-lock.json" "$DEST/"
(cd "$DEST" && npm ci --no-audit --no-fund --loglevel=error >&2)
test -f "$DEST/node_modules/dynalite/cli.js"
echo "20-dynalite: installed dynalite $(node -p "require('$DEST/node_modules/dynalite/package.json').version") in $DEST" >&2
