package dev.switchboard.config;

/**
 * Policies that span all servers.
 *
 * @param failFast the default for {@code required}: when true, any server that cannot be connected fails startup
 *     (all-or-nothing); when false, a server must say {@code required: true} to do that
 */
public record Orchestration(boolean failFast) {
    public static final Orchestration DEFAULT = new Orchestration(false);
}
