package dev.switchboard.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RejectsInvalidServersTest {

    @Test
    void needsCommandOrUrlButNotBoth() {
        assertThat(Configs.problems("""
                servers:
                  none: {description: nothing}
                  both: {command: srv, url: "https://x.example.com/mcp"}
                  empty:
                """)).containsExactly(
                "servers.none: has neither command nor url (expected: command for a stdio server, or url for an HTTP"
                        + " server)",
                "servers.both: has both command and url (expected: command for a stdio server, or url for an HTTP"
                        + " server, not both)",
                "servers.empty: is empty (expected: command for a stdio server, or url for an HTTP server)");
    }

    @Test
    void rejectsUnknownAndContradictoryTransports() {
        assertThat(Configs.problems("""
                servers:
                  a: {command: srv, transport: grpc}
                  b: {command: srv, transport: sse}
                  c: {url: "https://c.example.com/mcp", transport: stdio}
                  d: {url: "https://d.example.com/mcp", transport: sse, type: http}
                """)).containsExactly(
                "servers.a.transport: \"grpc\" is not a transport (expected: stdio, streamable-http, http or sse)",
                "servers.b.command: is for stdio servers, but transport is sse (expected: url: with the server's URL)",
                "servers.c.url: is for HTTP servers, but transport is stdio (expected: command, or transport:"
                        + " streamable-http or sse)",
                "servers.d.type: differs from transport (expected: one of type or transport)");
    }

    @Test
    void rejectsWrongTypes() {
        assertThat(Configs.problems("""
                servers:
                  a:
                    command: srv
                    args: "-y pkg"
                    env: [A, B]
                    enabled: maybe
                    domains: {sales: true}
                    retry: 3
                """)).containsExactly(
                "servers.a.enabled: \"maybe\" is not a boolean (expected: true or false)",
                "servers.a.domains: is a map (expected: a list, e.g. [sales, orders])",
                "servers.a.retry: is a number (expected: a map with attempts, initial_backoff, multiplier,"
                        + " max_backoff, jitter)",
                "servers.a.args: is a string (expected: a list, e.g. [-y, some-package])",
                "servers.a.env: is a list (expected: a map of names to strings)");
    }

    @Test
    void rejectsSettingsOfTheOtherTransport() {
        assertThat(Configs.problems("""
                servers:
                  web: {url: "https://w.example.com/mcp", env: {A: b}, args: [x]}
                  local: {command: srv, headers: {A: b}}
                """)).containsExactly(
                "servers.web.args: is for stdio servers, but this one is streamable-http (expected: no args)",
                "servers.web.env: is for stdio servers, but this one is streamable-http (expected: headers for what"
                        + " an HTTP server is sent)",
                "servers.local.headers: is for HTTP servers (expected: env for a stdio server)");
    }

    @Test
    void rejectsABlankCommandAndAServersList() {
        assertThat(Configs.problems("servers:\n  a: {command: \" \"}\n")).containsExactly(
                "servers.a.command: is blank (expected: an executable, e.g. npx)");
        assertThat(Configs.problems("servers:\n  - {command: srv}\n")).containsExactly(
                "servers: is a list (expected: a map from server name to server, e.g. servers: {github: {command:"
                        + " npx}})");
    }
}
