package dev.switchboard.cli;

import dev.switchboard.Resolution;
import dev.switchboard.ResolutionCandidate;
import dev.switchboard.config.SwitchboardConfig;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code switchboard resolve CONFIG ENTITY}: which server is the authority for an entity. */
@Command(name = "resolve", description = {"Find the server that is the authority for ENTITY: among the servers "
        + "serving --domain (all without it), in priority order, a resource whose name matches exactly, then "
        + "ignoring case, then fuzzily (orchestration.resolve.fuzzy_threshold). Prints the winner and the other "
        + "candidates.",
    "Exits 0 when something matched, 1 when nothing did (or the resolution failed)."})
final class ResolveCommand extends ConfigCommand {

    @Parameters(index = "1", paramLabel = "ENTITY", description = "The entity to look for, e.g. customers.")
    String entity;

    @Option(names = "--domain", paramLabel = "DOMAIN", description = "Only servers that list this domain.")
    String domain;

    @Option(names = "--json", description = "Print the resolution as JSON (schema in docs/cli.md).")
    boolean json;

    @Override
    int execute() {
        SwitchboardConfig config = loadConfig();
        Resolution resolution;
        try (Connections c = Connections.open(config, err())) {
            resolution = domain == null ? c.switchboard().resolve(entity)
                    : c.switchboard().resolve(entity, domain);
        }
        resolution.failures().forEach(f -> error("note: server '" + f.server() + "' could not be asked ("
                + f.code() + ": " + f.message() + ")"));
        if (json) {
            print(Json.write(resolution));
        } else if (resolution.found()) {
            print(render(resolution));
        } else {
            error("error: nothing matches '" + entity + "'" + (domain == null ? "" : " in domain '" + domain + "'"));
        }
        return resolution.found() ? ExitCodes.OK : ExitCodes.FAILED;
    }

    private static String render(Resolution r) {
        ResolutionCandidate w = r.winner().orElseThrow();
        StringBuilder sb = new StringBuilder("winner: ").append(line(w));
        if (!r.others().isEmpty()) {
            sb.append("\nother candidates:");
            r.others().forEach(c -> sb.append("\n  ").append(line(c)));
        }
        return sb.toString();
    }

    private static String line(ResolutionCandidate c) {
        return c.server() + " (priority " + c.priority() + ")  " + c.resource().name() + "  " + c.resource().uri()
                + "  " + c.match().name().toLowerCase(Locale.ROOT).replace('_', '-')
                + String.format(Locale.ROOT, " %.3f", c.score());
    }
}
