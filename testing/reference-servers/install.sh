#!/usr/bin/env bash
# Installs the pinned reference servers from package-lock.json, once per lockfile change.
set -euo pipefail
cd "$(dirname "$0")"
stamp=node_modules/.switchboard-lock.sha256
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  exit 0
fi
command -v npm >/dev/null || { echo "npm not found: the integration tests need Node.js 20+ and npm on PATH" >&2; exit 1; }
npm ci --no-audit --no-fund --loglevel=error
echo "$want" > "$stamp"
