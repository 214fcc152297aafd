#!/bin/sh
# The upstream every target fronts: a FakeMcpServer over stdio with one echo tool (echo-scenario.json), from the CLI
# distribution's class path. Its stderr (a line per call) is dropped, so that no target pays for reading it.
here="$(cd "$(dirname "$0")" && pwd)"
exec "${BENCH_JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}" -XX:+UseSerialGC -Xss512k -Xmx128m -XX:-UsePerfData \
  -Dlogback.configurationFile=dev/switchboard/testing/fake-mcp-logback.xml \
  -cp "$here/../cli/target/lib/*" dev.switchboard.testing.FakeMcpServerMain \
  --scenario "$here/echo-scenario.json" "$@" 2>/dev/null
