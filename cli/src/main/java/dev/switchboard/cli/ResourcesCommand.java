package dev.switchboard.cli;

import dev.switchboard.GatherFailure;
import dev.switchboard.GatherOptions;
import dev.switchboard.GatherResult;
import dev.switchboard.ServerResources;
import dev.switchboard.config.SwitchboardConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code switchboard resources CONFIG}: gathers every resource of every server, fresh, and summarises it. */
@Command(name = "resources", description = {"Gather every resource of every connected server (listed and read "
        + "fresh, servers in parallel) and print per server: priority, resources, bytes, time; --json prints "
        + "everything, contents included.",
    "The failure policy is orchestration.failure_policy (best-effort, or fail-fast under fail_fast: true): "
        + "fail-fast prints one error naming every failed server and nothing else; best-effort (or --best-effort) "
        + "lists the failed servers next to the others. Exits 0 when every server answered, 1 otherwise."})
final class ResourcesCommand extends ConfigCommand {

    @Option(names = "--json", description = "Print the whole gather result as JSON (schema in docs/cli.md).")
    boolean json;

    @Option(names = "--best-effort", description = "Keep what the other servers gave when some fail.")
    boolean bestEffort;

    @Override
    int execute() {
        SwitchboardConfig config = loadConfig();
        GatherResult result;
        try (Connections c = Connections.open(config, err())) {
            result = c.switchboard().gatherResources(bestEffort ? GatherOptions.bestEffort()
                    : GatherOptions.defaults());
        }
        print(json ? Json.write(result) : table(result));
        result.failures().forEach(f -> error("error: " + f.code() + ": " + f.message()));
        return result.complete() ? ExitCodes.OK : ExitCodes.FAILED;
    }

    private static String table(GatherResult r) {
        String row = "%-20s %8s %9s %10s %8s  %s";
        StringBuilder sb = new StringBuilder(String.format(row, "SERVER", "PRIORITY", "RESOURCES", "BYTES", "TIME",
                "").strip());
        for (ServerResources s : r.servers()) {
            long truncated = s.resources().stream().filter(i -> i.truncated()).count();
            String notes = (s.incomplete() ? "incomplete (over max_resources_per_server) " : "")
                    + (truncated > 0 ? truncated + " truncated" : "");
            sb.append('\n').append(String.format(row, s.server(), s.priority(), s.resources().size(), s.bytes(),
                    DurationText.format(s.duration()), notes).strip());
        }
        for (GatherFailure f : r.failures()) {
            sb.append('\n').append(String.format(row, f.server(), f.priority(), "-", "-", "-", "FAILED " + f.code())
                    .strip());
        }
        sb.append("\n\n").append(StatusPrinter.plural(r.resourceCount(), "resource")).append(", ")
                .append(r.bytes()).append(" bytes from ").append(StatusPrinter.plural(r.servers().size(), "server"))
                .append(" in ").append(DurationText.format(r.duration()))
                .append(r.failures().isEmpty() ? "" : "; " + r.failures().size() + " failed");
        return sb.toString();
    }
}
