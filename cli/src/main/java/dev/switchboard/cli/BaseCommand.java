package dev.switchboard.cli;

import dev.switchboard.config.ConfigLoader;
import dev.switchboard.config.LogSettings;
import dev.switchboard.config.Secrets;
import dev.switchboard.config.SwitchboardConfig;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every subcommand shares: the global options, logging set up before anything can log, and output helpers
 * that mask the configuration's secrets in everything printed (stdout and stderr).
 */
@Command(mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, sortOptions = false,
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:an operation failed", "2:bad usage or invalid configuration"})
abstract class BaseCommand implements Callable<Integer> {

    @Mixin
    GlobalOptions global = new GlobalOptions();

    @Spec
    CommandSpec spec;

    /** The secrets of the configuration in use: masked in everything the command prints, and nothing else. */
    private Secrets secrets = Secrets.NONE;

    @Override
    public final Integer call() throws Exception {
        Logging.configure(err(), Logging.Settings.of(global, null), secrets);
        return execute();
    }

    /** Does the command's work; returns its exit code (see {@link ExitCodes}). */
    abstract int execute() throws Exception;

    /** A loader with this invocation's {@code --set} overrides, those its own options stand for, then its logging
     * flags (which win). */
    final ConfigLoader loader() {
        ConfigLoader.Builder builder = ConfigLoader.builder();
        global.overrides.forEach(builder::override);
        impliedOverrides().forEach(builder::override);
        global.loggingSettings().forEach(builder::override);
        return builder.build();
    }

    /** Overrides ({@code KEY=VALUE}) that a command's own options stand for; none by default. */
    List<String> impliedOverrides() {
        return List.of();
    }

    /** The logging settings in force for a configuration made in code: its own, with the flags winning. */
    final LogSettings logging(LogSettings fromConfig) {
        return Logging.Settings.of(global, fromConfig).asConfig();
    }

    /** Applies the configuration's logging settings (flags still win) and shows its warnings on stderr. */
    final void use(SwitchboardConfig config) {
        secrets = config.allSecrets();
        Logging.configure(err(), Logging.Settings.of(global, config.logging()), secrets);
        config.warnings().forEach(w -> error("warning: " + w));
    }

    final PrintWriter out() {
        return spec.commandLine().getOut();
    }

    final PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** Prints text and a line break to stdout, scrubbed of secrets. */
    final void print(String text) {
        out().println(secrets.mask(text));
        out().flush();
    }

    /** Prints a message to stderr, scrubbed of secrets. */
    final void error(String text) {
        err().println(secrets.mask(text));
        err().flush();
    }

    /** The secrets masked in this command's output (none until a configuration is in use). */
    final Secrets secrets() {
        return secrets;
    }

    boolean verbose() {
        return global.verbose();
    }
}
