#!/usr/bin/env bash
# The gateway benchmark (docs/benchmarks.md, "Gateway"): Switchboard's gateway, the upstream alone, mcp-proxy and
# mcp-hub, all in front of the same stdio FakeMcpServer, loaded by the same Node driver outside their processes.
#   bench/run.sh                 both parts: load (about 8 minutes) and idle sessions (about 1 minute)
#   bench/run.sh load [--rounds 3] [--seconds 4] [--targets direct,gateway,mcp-proxy,mcp-hub,sdk-http]
#   bench/run.sh idle [--sessions-idle 1000]
# Builds the CLI distribution if it is missing and installs the pinned npm gateways from package-lock.json.
# Everything listens on 127.0.0.1; nothing but npm ci reaches the network.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"

if [ -z "${BENCH_JAVA:-}" ]; then
  for j in "${JAVA_HOME:-/nonexistent}/bin/java" /usr/lib/jvm/temurin-25-jdk-amd64/bin/java; do
    if [ -x "$j" ]; then BENCH_JAVA="$j"; break; fi
  done
fi
[ -n "${BENCH_JAVA:-}" ] || { echo "bench: set BENCH_JAVA or JAVA_HOME to a JDK 21+ (with jcmd)" >&2; exit 2; }
export BENCH_JAVA
export JAVA_HOME="$(dirname "$(dirname "$BENCH_JAVA")")" # the launcher and the build use the same JDK

if [ ! -f "$root/cli/target/switchboard-cli.jar" ]; then
  echo "bench: building the CLI distribution" >&2
  (cd "$root" && ./mvnw -B -q -pl cli -am package -DskipTests)
fi
if [ ! -d "$here/node_modules/mcp-proxy" ] || [ ! -d "$here/node_modules/mcp-hub" ] \
   || [ ! -d "$here/node_modules/undici" ]; then
  echo "bench: installing mcp-proxy, mcp-hub and undici (package-lock.json)" >&2
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
fi
exec node "$here/run.mjs" "$@"
