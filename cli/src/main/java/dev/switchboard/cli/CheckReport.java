package dev.switchboard.cli;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * The document {@code check --json} prints (see docs/cli.md for the schema and which fields are guaranteed).
 *
 * @param config the configuration file as given on the command line
 * @param ok whether the check passed: every required server (with {@code --strict}: every enabled one) is READY
 * @param servers every configured server, in configuration order
 */
@JsonPropertyOrder({"config", "ok", "servers"})
record CheckReport(String config, boolean ok, List<ServerReport> servers) {

    /** The report; {@code strict} also requires every enabled optional server to be ready. */
    static CheckReport of(String config, List<ServerReport> servers, boolean strict) {
        boolean ok = servers.stream().filter(s -> !s.disabled() && (strict || s.required()))
                .allMatch(ServerReport::ready);
        return new CheckReport(config, ok, servers);
    }
}
