package dev.switchboard.cli;

import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code switchboard} command: validates a configuration, checks its servers, lists and calls their tools, and
 * runs a self-contained demo.
 *
 * <p>{@link #main} exits the JVM with the command's exit code; {@link #run} does the same work without exiting, so
 * that tests and embedding applications can run commands in-process.
 */
@Command(name = "switchboard", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Connects one application to many MCP servers: validate a configuration, check its servers, "
                + "list and call their tools.",
        subcommands = {ValidateCommand.class, CheckCommand.class, ToolsCommand.class, CallCommand.class,
                CallManyCommand.class, ResourcesCommand.class, ResolveCommand.class, WatchCommand.class, ServeCommand.class,
                TokenCommand.class, AuthCommand.class,
                ConformanceCommand.class,
                DemoCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:an operation failed (a server, a call, a tool)",
                "2:bad usage or invalid configuration"})
public final class Main implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    /** Runs the command line and exits the JVM with its exit code. */
    public static void main(String[] args) {
        // A thread of ours that dies of an Error says so in one line, as the command itself does (see execute).
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> System.err.println(Failures.unexpected(e)
                + " [in thread " + thread.getName() + "]"));
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs the command line in this JVM and returns its exit code: 0 success, 1 an operation failed, 2 bad usage
     * or an invalid configuration. Output goes to {@code out}, messages and logs to {@code err}.
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        PrintWriter outWriter = new PrintWriter(new OutputStreamWriter(out, out.charset()), true);
        PrintWriter errWriter = new PrintWriter(new OutputStreamWriter(err, err.charset()), true);
        try {
            return execute(commandLine().setOut(outWriter).setErr(errWriter), args);
        } finally {
            outWriter.flush();
            errWriter.flush();
        }
    }

    /**
     * Runs a command line. picocli hands only an {@code Exception} to {@link Failures}: an {@code Error} (a stack
     * overflow, out of memory) would otherwise end the JVM with a raw stack trace.
     */
    static int execute(CommandLine cl, String[] args) {
        try {
            return cl.execute(args);
        } catch (Error e) {
            cl.getErr().println(Failures.unexpected(e));
            cl.getErr().flush();
            return ExitCodes.FAILED;
        }
    }

    /** The configured picocli command line, with Switchboard's error handling and exit codes. */
    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        Failures failures = new Failures();
        cl.setExecutionExceptionHandler(failures);
        cl.setParameterExceptionHandler(failures);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExpandAtFiles(false); // @file belongs to --args (a JSON file), not to picocli's argument files
        return cl;
    }

    /** Without a subcommand there is nothing to do: show what there is, as for any other usage error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }
}
