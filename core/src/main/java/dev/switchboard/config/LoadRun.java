package dev.switchboard.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One load, step by step: read the text into a tree, rewrite its format into Switchboard's, apply overrides,
 * interpolate variables, read and check it, then either build the configuration or throw every problem at once.
 */
final class LoadRun {
    private final Problems problems = new Problems();
    private final PathMap paths = new PathMap();
    private final String source;
    private final Map<String, String> environment;
    /** The values of {@code ${VAR}} references, masked in every problem reported. */
    private Secrets secrets = Secrets.NONE;

    LoadRun(String source, Map<String, String> environment) {
        this.source = source;
        this.environment = environment;
    }

    SwitchboardConfig run(String text, TreeReader.Syntax syntax, List<String> overrides) {
        Map<String, Object> root = TreeReader.readDocument(text, source, syntax, problems).orElse(null);
        if (root == null) {
            throw failure();
        }
        Formats.normalise(root, problems, paths);
        Overrides.apply(root, assignments(overrides), problems, paths);
        Interpolator interpolator = new Interpolator(environment, problems);
        Object tree = interpolator.resolve(root, "");
        secrets = interpolator.values();
        ConfigReader.Result result = ConfigReader.read(tree, environment, problems);
        Set<String> disabled = result.disabled();
        for (Interpolator.Missing missing : interpolator.missing()) {
            if (disabled.contains(serverOf(missing.path()))) {
                problems.warn(missing.path(), missing.message() + " [ignored while the server is disabled]");
            } else {
                problems.error(missing.path(), missing.message());
            }
        }
        problems.groupByServer(result.outcomes().stream().map(ServerReader.Outcome::name).toList());
        if (problems.hasErrors()) {
            throw failure();
        }
        return SwitchboardConfig.builder().servers(result.servers()).orchestration(result.orchestration())
                .logging(result.logging()).gateway(result.gateway())
                .warnings(problems.warnings(paths).stream().map(secrets::mask).toList()).secrets(secrets).build();
    }

    /** Reports problems that make loading impossible before a tree exists (a missing file). */
    ConfigException fail(String message) {
        problems.errorAsWritten(source, message);
        return failure();
    }

    private ConfigException failure() {
        return new ConfigException(source, problems.errors(paths).stream()
                .map(p -> new ConfigProblem(p.path(), secrets.mask(p.message()))).toList());
    }

    /** {@code SWITCHBOARD_SET} first, so that the loader's own overrides (the command line) win. */
    private List<Overrides.Assignment> assignments(List<String> overrides) {
        List<Overrides.Assignment> out = new ArrayList<>();
        String fromEnvironment = environment.get(Overrides.ENV_VAR);
        if (fromEnvironment != null && fromEnvironment.length() > Limits.FILE_BYTES) {
            problems.errorAsWritten(Overrides.ENV_VAR, "is longer than " + Limits.FILE_BYTES + " characters"
                    + " (expected: a few key=value settings)");
        } else if (fromEnvironment != null) {
            out.addAll(Overrides.parseAll(Overrides.ENV_VAR, fromEnvironment, problems));
        }
        for (int i = 0; i < overrides.size(); i++) {
            Overrides.parse("override " + (i + 1), overrides.get(i), problems).ifPresent(out::add);
        }
        return out;
    }

    private static String serverOf(String path) {
        if (!path.startsWith("servers.")) {
            return "";
        }
        String rest = path.substring("servers.".length());
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }
}
