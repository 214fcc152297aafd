package dev.switchboard.cli;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.switchboard.CallAllOptions;
import dev.switchboard.CatalogEntry;
import dev.switchboard.Outcome;
import dev.switchboard.Switchboard;
import dev.switchboard.SwitchboardException;
import dev.switchboard.ToolCall;
import dev.switchboard.ToolResult;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code switchboard call-many CONFIG CALLS.json}: many tool calls in parallel, one outcome per call. */
@Command(name = "call-many", description = {"Run the calls of CALLS.json ([{\"tool\": NAME, \"arguments\": {...}}, "
        + "...], NAME qualified or bare) in parallel and print one outcome per call, in input order.",
    "Calls to different servers run in parallel; calls to one server share its session. With --fail-fast the "
        + "first failure cancels the others (on their servers too) and is reported. Exits 0 when every call "
        + "succeeded, 1 otherwise."})
final class CallManyCommand extends ConfigCommand {

    @Parameters(index = "1", paramLabel = "CALLS.json", converter = CallSpecs.Converter.class,
            description = "The calls, as a JSON array of {\"tool\": NAME, \"arguments\": {...}}.")
    CallSpecs specs;

    @Option(names = "--max-concurrency", paramLabel = "N", description = "Calls in flight at once (default: 10).")
    int maxConcurrency = CallAllOptions.DEFAULT_MAX_CONCURRENCY;

    @Option(names = "--fail-fast", description = "Cancel the other calls at the first failure.")
    boolean failFast;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationText.class,
            description = "Limit on each call, e.g. 30s (default: the server's request_timeout).")
    Duration timeout;

    @Option(names = "--json", description = "Print the outcomes as a JSON array (schema in docs/cli.md).")
    boolean json;

    /**
     * One call's outcome as {@code --json} prints it.
     *
     * @param index the call's position in CALLS.json
     * @param tool the name as given
     * @param server the server that was asked, or null when the name did not resolve
     * @param ok whether the call succeeded and the tool reported no error
     * @param durationMs how long the call took, or null when it was not made
     * @param result the MCP result, or null
     * @param error {@code {code, message, retryable}}, or null
     */
    @JsonPropertyOrder({"index", "tool", "server", "ok", "durationMs", "result", "error"})
    record Line(int index, String tool, String server, boolean ok, Long durationMs, McpSchema.CallToolResult result,
            ServerReport.ErrorReport error) {
    }

    @Override
    int execute() {
        if (maxConcurrency < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--max-concurrency: " + maxConcurrency + " (expected: 1 or more)");
        }
        List<Line> lines;
        try (Connections c = Connections.open(loadConfig(), err())) {
            lines = run(c.switchboard());
        }
        print(json ? Json.write(lines) : render(lines));
        return lines.stream().allMatch(Line::ok) ? ExitCodes.OK : ExitCodes.FAILED;
    }

    private List<Line> run(Switchboard sb) {
        List<CallSpecs.Spec> all = specs.calls();
        Line[] lines = new Line[all.size()];
        List<ToolCall> calls = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            try {
                CatalogEntry e = sb.resolveTool(all.get(i).tool());
                calls.add(ToolCall.of(e.server(), e.tool(), all.get(i).arguments()));
                positions.add(i);
            } catch (SwitchboardException e) {
                if (failFast) {
                    throw new SwitchboardException(e.code(), e.server().orElse(null), all.get(i).tool(),
                            "call #" + i + " (" + all.get(i).tool() + "): " + e.getMessage() + "; nothing was sent",
                            e);
                }
                lines[i] = failed(i, all.get(i).tool(), null, e);
            }
        }
        CallAllOptions options = CallAllOptions.DEFAULT.withMaxConcurrency(maxConcurrency).withPerCallTimeout(timeout)
                .withPolicy(failFast ? CallAllOptions.Policy.FAIL_FAST : CallAllOptions.Policy.COLLECT)
                .withWaitForReady(false);
        List<Outcome> outcomes = sb.callAll(calls, options);
        for (int k = 0; k < outcomes.size(); k++) {
            int i = positions.get(k);
            lines[i] = line(i, all.get(i).tool(), outcomes.get(k));
        }
        return List.of(lines);
    }

    private static Line line(int index, String tool, Outcome o) {
        if (o.error() != null) {
            return failed(index, tool, o.call().server(), o.error());
        }
        ToolResult r = o.result();
        return new Line(index, tool, r.server(), !r.isError(), r.duration().toMillis(), r.result(),
                r.isError() ? new ServerReport.ErrorReport("TOOL_ERROR", r.text(), false) : null);
    }

    private static Line failed(int index, String tool, String server, SwitchboardException e) {
        return new Line(index, tool, server, false, null, null, new ServerReport.ErrorReport(e.code().name(),
                e.getMessage(), e.code().retryable()));
    }

    private static String render(List<Line> lines) {
        StringBuilder sb = new StringBuilder();
        for (Line l : lines) {
            if (!sb.isEmpty()) {
                sb.append('\n');
            }
            sb.append('#').append(l.index()).append(' ').append(l.ok() ? "OK   " : "FAIL ").append(l.tool());
            if (l.durationMs() != null) {
                sb.append(" (").append(l.server()).append(", ").append(l.durationMs()).append("ms)");
            }
            if (l.error() != null) {
                sb.append("  ").append(l.error().code()).append(": ").append(firstLine(l.error().message()));
            } else if (l.result() != null) {
                sb.append("  ").append(firstLine(ResultPrinter.render(l.result())));
            }
        }
        long ok = lines.stream().filter(Line::ok).count();
        return sb.append("\n\n").append(ok).append(" of ").append(lines.size()).append(" calls succeeded").toString();
    }

    private static String firstLine(String text) {
        return text == null ? "" : text.strip().lines().findFirst().orElse("");
    }
}
