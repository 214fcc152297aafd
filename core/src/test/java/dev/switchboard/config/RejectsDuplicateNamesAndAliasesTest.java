package dev.switchboard.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RejectsDuplicateNamesAndAliasesTest {

    @Test
    void rejectsTheSameNameTwice() {
        assertThat(Configs.problems("""
                servers:
                  api: {command: a}
                  api: {command: b}
                """)).containsExactly("servers.api: duplicate server name (expected: each server once)");
    }

    @Test
    void rejectsTheSameNameTwiceInJson() {
        ConfigException e = Configs.failure(() -> Configs.json(
                "{\"mcpServers\": {\"api\": {\"command\": \"a\"}, \"api\": {\"command\": \"b\"}}}", Map.of()));
        assertThat(e.getMessage()).isEqualTo("mcpServers.api: duplicate server name (expected: each server once)");
    }

    @Test
    void rejectsNamesThatDifferOnlyInCase() {
        assertThat(Configs.problems("""
                servers:
                  github: {command: a}
                  GitHub: {command: b}
                """)).containsExactly("servers.GitHub: differs from server github only in case (expected: names that"
                + " differ in more than case)");
    }

    @Test
    void rejectsNamesWithOtherCharacters() {
        assertThat(Configs.problems("""
                servers:
                  "my server": {command: a}
                  "-x": {command: a}
                  "a.b": {command: a}
                """)).containsExactly(
                "servers.my server: is not a valid server name (expected: 1 to 64 letters, digits, _ or -, starting"
                        + " with a letter or digit, e.g. my_server)",
                "servers.-x: is not a valid server name (expected: 1 to 64 letters, digits, _ or -, starting with a"
                        + " letter or digit, e.g. x)",
                "servers.a.b: is not a valid server name (expected: 1 to 64 letters, digits, _ or -, starting with a"
                        + " letter or digit, e.g. a_b)");
    }

    @Test
    void rejectsConflictingAliases() {
        assertThat(Configs.problems("""
                servers:
                  a: {command: x, aliases: [db, db]}
                  b: {command: x, aliases: [DB, a, "bad alias"]}
                """)).containsExactly(
                "servers.a.aliases[1]: \"db\" is listed twice (expected: unique aliases)",
                "servers.b.aliases[0]: \"DB\" is also an alias of server a (expected: unique aliases)",
                "servers.b.aliases[1]: \"a\" is the name of server a (expected: an alias that no server is named)",
                "servers.b.aliases[2]: \"bad alias\" is not a valid alias (expected: 1 to 64 letters, digits, _ or"
                        + " -, starting with a letter or digit)");
    }
}
