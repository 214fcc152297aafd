package dev.switchboard.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.ServerState;
import dev.switchboard.ServerStatus;
import dev.switchboard.Switchboard;
import dev.switchboard.config.GatewaySettings;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The gateway's side of {@code initialize}: the protocol version, what it offers, and who it is. */
final class Handshake {
    /** The protocol versions the gateway speaks, newest first; a client asking for another gets the newest. */
    static final List<String> VERSIONS = List.of("2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05");

    private Handshake() {
    }

    /** The version asked for if supported, else the newest; none asked for (null) is the newest too. */
    static String negotiate(String requested) {
        return supported(requested) ? requested : VERSIONS.get(0);
    }

    /** Null-safe: List.of(...).contains(null) throws, and an initialize without protocolVersion was a 500. */
    static boolean supported(String version) {
        return version != null && VERSIONS.contains(version);
    }

    /**
     * The {@code initialize} result. Tools and logging are always offered (the gateway itself sends log notices);
     * prompts and resources when a server behind it offers them. Only the servers the caller may see are named or
     * counted.
     */
    static ObjectNode result(String version, Switchboard switchboard, GatewaySettings settings, Caller caller) {
        List<ServerStatus> servers = switchboard.status().stream().filter(s -> caller.maySee(s.name(), null))
                .toList();
        Set<String> offered = new HashSet<>();
        servers.forEach(s -> offered.addAll(s.capabilities()));
        ObjectNode result = JsonRpc.object();
        result.put("protocolVersion", version);
        ObjectNode caps = result.putObject("capabilities");
        caps.putObject("tools").put("listChanged", true);
        caps.putObject("logging");
        if (offered.contains("prompts")) {
            caps.putObject("prompts").put("listChanged", true);
        }
        if (offered.contains("resources")) {
            caps.putObject("resources").put("listChanged", true).put("subscribe", servers.stream()
                    .anyMatch(s -> s.state() == ServerState.READY && subscribable(switchboard, s.name())));
        }
        if (offered.contains("completions")) {
            caps.putObject("completions");
        }
        ObjectNode info = result.putObject("serverInfo");
        info.put("name", settings.serverName());
        info.put("version", settings.serverVersion() != null ? settings.serverVersion() : productVersion());
        result.put("instructions", instructions(servers, switchboard.config().orchestration().nameSeparator(),
                settings.names()));
        return result;
    }

    private static boolean subscribable(Switchboard switchboard, String server) {
        var caps = switchboard.session(server).capabilities();
        return caps != null && caps.resources() != null && Boolean.TRUE.equals(caps.resources().subscribe());
    }

    private static String instructions(List<ServerStatus> servers, String separator, GatewaySettings.Names names) {
        StringBuilder out = new StringBuilder("This is Switchboard, one MCP server in front of " + servers.size()
                + " servers:");
        for (ServerStatus s : servers) {
            out.append(' ').append(s.name());
            if (s.state() != ServerState.READY) {
                out.append(" (").append(s.state().name().toLowerCase(java.util.Locale.ROOT)).append(')');
            }
            out.append(',');
        }
        out.setLength(out.length() - 1);
        out.append(names == GatewaySettings.Names.QUALIFIED
                ? ". Tools are named <server>" + separator + "<tool>."
                : ". A tool keeps its own name unless several servers offer it; then it is <server>" + separator
                        + "<tool>.");
        return out.toString();
    }

    private static String productVersion() {
        String v = Handshake.class.getPackage().getImplementationVersion();
        return v != null ? v : "development";
    }
}
