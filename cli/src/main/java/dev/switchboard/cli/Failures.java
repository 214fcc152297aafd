package dev.switchboard.cli;

import dev.switchboard.SwitchboardException;
import dev.switchboard.config.ConfigException;
import dev.switchboard.config.ConfigProblem;
import dev.switchboard.config.Secrets;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Turns what went wrong into a message on stderr and an exit code: every problem of an invalid configuration (2),
 * {@code error: CODE: message} for any other Switchboard failure (1), a usage hint for a bad command line (2).
 * Stack traces only at {@code --log-level debug} or {@code trace}.
 */
final class Failures implements IExecutionExceptionHandler, IParameterExceptionHandler {

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        PrintWriter err = cl.getErr();
        err.println("error: " + secretsOf(cl).mask(ex.getMessage()));
        UnmatchedArgumentException.printSuggestions(ex, err);
        err.println("Try '" + cl.getCommandSpec().qualifiedName() + " --help' for usage.");
        return ExitCodes.USAGE;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, ParseResult parsed) {
        PrintWriter err = cl.getErr();
        if (ex instanceof ParameterException pe) {
            return handleParseException(pe, parsed.originalArgs().toArray(String[]::new));
        }
        Secrets secrets = secretsOf(cl);
        int exit = switch (ex) {
            case ConfigException ce -> configProblems(err, ce);
            case SwitchboardException se -> failure(err, se.code().name(), secrets.mask(se.getMessage()));
            default -> failure(err, "INTERNAL", secrets.mask(ex.getClass().getName() + ": " + ex.getMessage()));
        };
        if (verbose(cl)) {
            StringWriter trace = new StringWriter();
            ex.printStackTrace(new PrintWriter(trace));
            err.print(secrets.mask(trace.toString()));
        }
        err.flush();
        return exit;
    }

    /**
     * One line for a failure no handler expected. Only the type is shown (and, for lack of memory, which memory):
     * an Error's message is not ours to vouch for, and may quote input.
     */
    static String unexpected(Throwable e) {
        if (e instanceof OutOfMemoryError) {
            return "error: INTERNAL: out of memory (" + e.getMessage() + "; expected: a smaller input, or more heap,"
                    + " e.g. SWITCHBOARD_JAVA_OPTS=-Xmx1g)";
        }
        return "error: INTERNAL: " + e.getClass().getName() + " (a fault in Switchboard: please report it with the"
                + " command and input that caused it)";
    }

    /**
     * Every problem on a line of its own, as {@code path: problem}, so that all can be fixed in one go. The loader
     * quotes no secret in them (it masks the values of the variables it read).
     */
    static int configProblems(PrintWriter err, ConfigException ex) {
        int n = ex.problems().size();
        err.println("error: CONFIG_INVALID: " + ex.source() + " is invalid (" + n
                + (n == 1 ? " problem)" : " problems)"));
        for (ConfigProblem p : ex.problems()) {
            err.println(p);
        }
        return ExitCodes.USAGE;
    }

    private static int failure(PrintWriter err, String code, String message) {
        err.println("error: " + code + ": " + message);
        return ExitCodes.FAILED;
    }

    private static Secrets secretsOf(CommandLine cl) {
        return cl.getCommand() instanceof BaseCommand command ? command.secrets() : Secrets.NONE;
    }

    private static boolean verbose(CommandLine cl) {
        return cl.getCommand() instanceof BaseCommand command && command.verbose();
    }
}
