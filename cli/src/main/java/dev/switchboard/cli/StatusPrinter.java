package dev.switchboard.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Renders {@link ServerReport}s for people: a block per server, names and states aligned, then a verdict. */
final class StatusPrinter {
    private static final String LABEL = "%-14s";

    private StatusPrinter() {
    }

    /** Every server's block followed by a one-line summary. */
    static String render(CheckReport report, boolean strict) {
        List<ServerReport> servers = report.servers();
        int nameWidth = servers.stream().mapToInt(s -> s.name().length()).max().orElse(4) + 2;
        StringBuilder sb = new StringBuilder();
        for (ServerReport s : servers) {
            block(sb, s, nameWidth);
        }
        return sb.append('\n').append(summary(report, strict)).toString();
    }

    private static void block(StringBuilder sb, ServerReport s, int nameWidth) {
        sb.append(String.format("%-" + nameWidth + "s%-10s%s", s.name(), s.state(), s.transport()));
        sb.append(s.required() ? ", required" : "").append('\n');
        String indent = " ".repeat(nameWidth);
        List<String[]> details = details(s);
        for (String[] d : details) {
            String value = d[1].replace("\n", "\n" + indent + " ".repeat(14));
            sb.append(indent).append(String.format(LABEL, d[0])).append(value).append('\n');
        }
    }

    private static List<String[]> details(ServerReport s) {
        List<String[]> out = new ArrayList<>();
        if (s.description() != null) {
            out.add(new String[] {"description", s.description()});
        }
        if (s.serverName() != null) {
            out.add(new String[] {"server", s.serverName() + (s.serverVersion() == null ? "" : " " + s.serverVersion())
                    + (s.protocolVersion() == null ? "" : ", MCP " + s.protocolVersion())});
        }
        if (!s.capabilities().isEmpty()) {
            out.add(new String[] {"capabilities", String.join(", ", s.capabilities())});
        }
        if (s.tools() != null) {
            out.add(new String[] {"offers", plural(s.tools(), "tool") + ", " + plural(s.resources(), "resource")
                    + ", " + plural(s.prompts(), "prompt")});
        }
        if (s.connectMs() != null) {
            out.add(new String[] {"connected in", DurationText.format(Duration.ofMillis(s.connectMs()))});
        }
        if (!s.disabled()) {
            out.add(new String[] {"health", health(s.health())});
        }
        if (s.disabled()) {
            out.add(new String[] {"note", "disabled in the configuration (enabled: false); not connected"});
        }
        if (s.error() != null && !s.ready()) {
            out.add(new String[] {"error", s.error().code() + ": " + s.error().message()});
        }
        return out;
    }

    private static String health(ServerReport.HealthReport h) {
        StringBuilder sb = new StringBuilder(h.state());
        if (h.lastResponseMs() != null && !"UNHEALTHY".equals(h.state())) {
            sb.append(", probe ").append(DurationText.format(Duration.ofMillis(h.lastResponseMs())));
        }
        if (h.restarts() > 0) {
            sb.append(", ").append(plural(h.restarts(), "restart"));
        }
        if (h.reason() != null && !"HEALTHY".equals(h.state())) {
            sb.append(": ").append(h.reason());
        }
        return sb.toString();
    }

    private static String summary(CheckReport report, boolean strict) {
        List<ServerReport> servers = report.servers();
        long ready = servers.stream().filter(ServerReport::ready).count();
        long disabled = servers.stream().filter(ServerReport::disabled).count();
        long down = servers.size() - ready - disabled;
        String counts = ready + " of " + plural(servers.size(), "server") + " ready"
                + (down > 0 ? ", " + down + " not ready" : "") + (disabled > 0 ? ", " + disabled + " disabled" : "");
        if (report.ok()) {
            return "OK: " + counts + "; every " + (strict ? "enabled" : "required") + " server is ready.";
        }
        List<String> failing = servers.stream().filter(s -> !s.ready() && !s.disabled() && (strict || s.required()))
                .map(ServerReport::name).toList();
        return "FAILED: " + counts + "; not ready: " + String.join(", ", failing)
                + (strict ? " (--strict: every enabled server must be ready)." : " (required).");
    }

    static String plural(Integer n, String noun) {
        return n == null ? "? " + noun + "s" : n + " " + noun + (n == 1 ? "" : "s");
    }
}
