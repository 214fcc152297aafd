#!/usr/bin/env bash
# Installs playwright-core from package-lock.json, once per lockfile change, for the dashboard's browser tests.
# playwright-core never downloads a browser by itself (that is the playwright package's postinstall); the variable
# makes sure of it. The tests drive Debian's chromium (see gateway/src/test/java/.../Chromium.java).
set -euo pipefail
cd "$(dirname "$0")"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
stamp=node_modules/.switchboard-lock.sha256
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  exit 0
fi
command -v npm >/dev/null || { echo "npm not found: the dashboard's browser tests need Node.js 20+ and npm on PATH" >&2; exit 1; }
npm ci --no-audit --no-fund --loglevel=error
echo "$want" > "$stamp"
