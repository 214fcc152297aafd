package dev.switchboard.config;

import dev.switchboard.internal.observe.Redactor;
import dev.switchboard.internal.util.Check;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A server that Switchboard starts as a child process and talks to over its stdin/stdout.
 *
 * @param command the executable (looked up on PATH when not a path)
 * @param args its arguments
 * @param env variables set for the child, on top of a small safe set (PATH, HOME, LANG, TMPDIR, ...)
 * @param passEnv names of the parent's variables the child may also see
 * @param inheritEnv whether the child sees the parent's whole environment (off by default: secrets stay home)
 * @param cwd the working directory, or null for the parent's
 * @param shutdownGrace how long the process gets to exit after its stdin is closed, before it is terminated
 */
public record StdioServer(String name, ServerOptions options, String command, List<String> args,
        Map<String, String> env, List<String> passEnv, boolean inheritEnv, Path cwd, Duration shutdownGrace)
        implements ServerConfig {

    public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(5);

    public StdioServer {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(command, "command");
        Check.argument(!command.isBlank(), "%s.command: blank (expected: an executable)", name);
        args = List.copyOf(args);
        env = Map.copyOf(env);
        passEnv = List.copyOf(passEnv);
        Objects.requireNonNull(shutdownGrace, "shutdownGrace");
        Check.argument(!shutdownGrace.isNegative(), "%s.shutdown_grace: %s (expected: >= 0)", name,
                shutdownGrace);
    }

    /** A stdio server with default options. */
    public static StdioServer of(String name, String command, List<String> args) {
        return new StdioServer(name, ServerOptions.DEFAULT, command, args, Map.of(), List.of(), false, null,
                DEFAULT_SHUTDOWN_GRACE);
    }

    @Override
    public Transport transport() {
        return Transport.STDIO;
    }

    @Override
    public StdioServer withOptions(ServerOptions newOptions) {
        return new StdioServer(name, newOptions, command, args, env, passEnv, inheritEnv, cwd, shutdownGrace);
    }

    public StdioServer withEnv(Map<String, String> newEnv) {
        return new StdioServer(name, options, command, args, newEnv, passEnv, inheritEnv, cwd, shutdownGrace);
    }

    public StdioServer withShutdownGrace(Duration grace) {
        return new StdioServer(name, options, command, args, env, passEnv, inheritEnv, cwd, grace);
    }

    @Override
    public String toString() {
        return "StdioServer[name=" + name + ", command=" + command + ", args=" + Redactor.args(args)
                + ", env=" + Redactor.valuesOf(env) + ", passEnv=" + passEnv + ", inheritEnv=" + inheritEnv
                + ", cwd=" + cwd + ", options=" + options + "]";
    }
}
