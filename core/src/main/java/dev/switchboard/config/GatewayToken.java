package dev.switchboard.config;

import dev.switchboard.internal.util.Check;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One access token of the gateway, as the configuration knows it: a name (for logs and metrics, never secret), the
 * token's hash (never the token), what its bearer may see and call, whether it may steer servers, and its own rate
 * limit.
 *
 * @param name unique among the tokens; letters, digits, {@code . _ -}, at most 64 characters
 * @param hash the token's {@link TokenHash}
 * @param servers the servers the token may see and call; empty for every server
 * @param tools globs ({@code *}, {@code ?}) over a tool's own name or its qualified name ({@code server__tool}); a
 *     tool of a visible server is visible when this is empty or one glob matches
 * @param control whether the token may enable, disable and reconnect servers and reload the configuration
 * @param rateLimit the token's own limit on tool calls, or null for none (the global one still applies)
 */
public record GatewayToken(String name, TokenHash hash, List<String> servers, List<String> tools, boolean control,
        RateLimit rateLimit) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    static final String NAME_EXPECTED = "letters, digits, '.', '_' or '-', at most 64 characters, e.g. ci-bot";

    public GatewayToken {
        Objects.requireNonNull(name, "name");
        Check.argument(NAME.matcher(name).matches(), "gateway.tokens: name %s (expected: %s)", Section.shown(name),
                NAME_EXPECTED);
        Objects.requireNonNull(hash, "hash");
        servers = List.copyOf(servers);
        tools = List.copyOf(tools);
        tools.forEach(g -> Check.argument(!g.isBlank(), "gateway.tokens: %s has a blank tools glob (expected: a"
                + " tool name or a glob like get_*)", name));
    }

    /** Whether a name is a valid token name. */
    public static boolean validName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /** A token that may see and call everything, without control and its own rate limit. */
    public static Builder builder(String name, TokenHash hash) {
        return new Builder(name, hash);
    }

    /** Whether the token may see the server at all (its status, resources, prompts). */
    public boolean allowsServer(String server) {
        return servers.isEmpty() || servers.contains(server);
    }

    /**
     * Whether the token may see and call a tool; {@code separator} is the one of qualified names
     * ({@code orchestration.name_separator}).
     */
    public boolean allowsTool(String server, String tool, String separator) {
        if (!allowsServer(server)) {
            return false;
        }
        if (tools.isEmpty()) {
            return true;
        }
        String qualified = server + separator + tool;
        return tools.stream().anyMatch(g -> ToolFilter.matches(g, tool) || ToolFilter.matches(g, qualified));
    }

    /** Builds a {@link GatewayToken} one setting at a time. */
    public static final class Builder {
        private final String name;
        private final TokenHash hash;
        private List<String> servers = List.of();
        private List<String> tools = List.of();
        private boolean control;
        private RateLimit rateLimit;

        private Builder(String name, TokenHash hash) {
            this.name = name;
            this.hash = hash;
        }

        public Builder servers(List<String> servers) {
            this.servers = servers;
            return this;
        }

        public Builder tools(List<String> tools) {
            this.tools = tools;
            return this;
        }

        public Builder control(boolean control) {
            this.control = control;
            return this;
        }

        public Builder rateLimit(RateLimit rateLimit) {
            this.rateLimit = rateLimit;
            return this;
        }

        public GatewayToken build() {
            return new GatewayToken(name, hash, servers, tools, control, rateLimit);
        }
    }
}
