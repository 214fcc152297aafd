package dev.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Issue 12: picocli hands on only an Exception, so a StackOverflowError reached the user as a raw stack trace. */
class ReportsUnexpectedErrorsInOneLineTest {
    @TempDir
    Path dir;

    @Command(name = "overflows")
    static final class Overflows implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new StackOverflowError();
        }
    }

    @Test
    void anErrorInACommandIsOneLineAndExit1() {
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new Overflows()).setErr(new PrintWriter(err, true));

        int exit = Main.execute(cl, new String[0]);

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("error: INTERNAL: java.lang.StackOverflowError (a fault in Switchboard:"
                + " please report it with the command and input that caused it)" + System.lineSeparator());
    }

    @Test
    void outOfMemorySaysWhatToDo() {
        assertThat(Failures.unexpected(new OutOfMemoryError("Java heap space"))).isEqualTo("error: INTERNAL: out of"
                + " memory (Java heap space; expected: a smaller input, or more heap, e.g."
                + " SWITCHBOARD_JAVA_OPTS=-Xmx1g)");
    }

    @Test
    void defaultsNested2000DeepAreAConfigurationProblemNotAStackTrace() {
        String nested = "${V:-".repeat(2_000) + "npx" + "}".repeat(2_000);
        Path file = Configs.writeText(dir, "deep.yaml", "servers: {a: {command: \"" + nested + "\"}}\n");

        Cli.Result r = Cli.run("validate", file.toString());

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("servers.a.command: nests ${VAR:-default} more than 16 deep")
                .doesNotContain("\tat ").doesNotContain("StackOverflowError");
    }
}
