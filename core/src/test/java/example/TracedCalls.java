package example;

import dev.switchboard.Switchboard;
import dev.switchboard.ToolResult;
import dev.switchboard.config.SwitchboardConfig;
import io.opentelemetry.api.OpenTelemetry;
import java.util.Map;

/** The OpenTelemetry example of docs/integrations.md; TracesCallsConnectionsAndGathersTest runs it. */
public final class TracedCalls {
    private TracedCalls() {
    }

    public static ToolResult search(SwitchboardConfig config, OpenTelemetry openTelemetry) {
        // tag::opentelemetry[]
        try (Switchboard sb = Switchboard.builder(config).openTelemetry(openTelemetry).start()) {
            // A CLIENT span "tools/call search", a child of the current span; the server gets its traceparent.
            return sb.call("github", "search", Map.of("q", "is:open"));
        }
        // end::opentelemetry[]
    }
}
