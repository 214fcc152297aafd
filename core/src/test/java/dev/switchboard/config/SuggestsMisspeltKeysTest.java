package dev.switchboard.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.internal.util.Suggestions;
import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestsMisspeltKeysTest {

    @Test
    void suggestsAtEveryLevel() {
        assertThat(Configs.problems("""
                orchestraton: {fail_fast: true}
                orchestration: {failfast: true}
                logging: {levle: info}
                defaults: {conect_timeout: 5s}
                servers:
                  a:
                    comand: srv
                    command: srv
                    connectTimeout: 5s
                    retry: {atempts: 2}
                """)).containsExactly(
                "orchestraton: unknown key (did you mean orchestration?)",
                "orchestration.failfast: unknown key (did you mean fail_fast?)",
                "logging.levle: unknown key (did you mean level?)",
                "defaults.conect_timeout: unknown key (did you mean connect_timeout?)",
                "servers.a.comand: unknown key (did you mean command?)",
                "servers.a.connectTimeout: unknown key (did you mean connect_timeout?)",
                "servers.a.retry.atempts: unknown key (did you mean attempts?)");
    }

    @Test
    void listsTheKnownKeysWhenNothingIsClose() {
        assertThat(Configs.problems("servers:\n  a: {command: srv}\nzebra: 1\n")).containsExactly(
                "zebra: unknown key (expected one of: servers, defaults, orchestration, logging, gateway)");
    }

    @Test
    void suggestsTransportNames() {
        assertThat(Configs.problems("servers:\n  a: {command: srv, transport: stdoi}\n")).containsExactly(
                "servers.a.transport: \"stdoi\" is not a transport (did you mean stdio? expected: stdio,"
                        + " streamable-http, http or sse)");
    }

    @Test
    void ignoresCaseSeparatorsAndTranspositions() {
        List<String> keys = List.of("connect_timeout", "type", "servers");
        assertThat(Suggestions.closest("Connect-Timeout", keys)).contains("connect_timeout");
        assertThat(Suggestions.closest("tpye", keys)).contains("type");
        assertThat(Suggestions.closest("server", keys)).contains("servers");
        assertThat(Suggestions.closest("banana", keys)).isEmpty();
    }
}
