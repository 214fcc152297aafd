package dev.switchboard.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.ErrorCode;
import org.junit.jupiter.api.Test;

class ReportsEveryProblemAtOnceTest {
    private static final String BROKEN = """
            logging: {format: xml}
            servers:
              a: {command: srv, priority: 1000}
              b: {url: "ftp://files.example.com"}
              c: {command: srv, retry: {attempts: 0}}
              d: {}
            """;

    @Test
    void collectsProblemsOfEveryServerAndSection() {
        assertThat(Configs.problems(BROKEN)).containsExactly(
                "logging.format: \"xml\" is not a log format (expected: console or json)",
                "servers.a.priority: 1000 is out of range (expected: a whole number from 1 to 999; lower wins)",
                "servers.b.url: ftp://files.example.com is not an http(s) URL (expected: an http:// or https:// URL,"
                        + " e.g. https://host/mcp)",
                "servers.c.retry.attempts: 0 is less than 1 (expected: 1 or more; 1 means no retry)",
                "servers.d: has neither command nor url (expected: command for a stdio server, or url for an HTTP"
                        + " server)");
    }

    @Test
    void messageHasOneProblemPerLine() {
        ConfigException e = Configs.failure(BROKEN);
        assertThat(e.getMessage().lines()).hasSize(5).allMatch(line -> line.matches("[\\w.]+: .+ \\(expected.*\\)"));
        assertThat(e.getMessage()).startsWith("logging.format: ");
    }

    @Test
    void carriesConfigInvalidAndTheSource() {
        ConfigException e = Configs.failure(BROKEN);
        assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_INVALID);
        assertThat(e.source()).isEqualTo("test.yaml");
    }

    @Test
    void aConfigWithoutServersIsAProblem() {
        assertThat(Configs.problems("logging: {level: info}\n")).containsExactly(
                "servers: no servers configured (expected: at least one server under servers:)");
        assertThat(Configs.problems("servers: {}\n")).containsExactly(
                "servers: no servers configured (expected: at least one server under servers:)");
    }

    @Test
    void groupsProblemsByServerInFileOrder() {
        assertThat(Configs.problems("""
                servers:
                  a: {command: x, env: {T: "${A_TOKEN}"}}
                  b: {command: x, priority: 0}
                  c: {command: x, env: {T: "${C_TOKEN}"}, aliases: [b]}
                """)).extracting(p -> p.substring(0, p.indexOf(':'))).containsExactly(
                "servers.a.env.T", "servers.b.priority", "servers.c.aliases[0]", "servers.c.env.T");
    }
}
