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
        return builder(name, command).args(args).build();
    }

    /** A builder for a stdio server with default options, no arguments, no variables and the default grace. */
    public static Builder builder(String name, String command) {
        return new Builder(name, command);
    }

    /** A builder that starts from this server. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    @Override
    public Transport transport() {
        return Transport.STDIO;
    }

    @Override
    public StdioServer withOptions(ServerOptions newOptions) {
        return toBuilder().options(newOptions).build();
    }

    @Override
    public String toString() {
        return "StdioServer[name=" + name + ", command=" + command + ", args=" + Redactor.args(args)
                + ", env=" + Redactor.valuesOf(env) + ", passEnv=" + passEnv + ", inheritEnv=" + inheritEnv
                + ", cwd=" + cwd + ", options=" + options + "]";
    }

    /** Builds a {@link StdioServer} one setting at a time, so that a new setting never breaks a caller. */
    public static final class Builder {
        private String name;
        private ServerOptions options = ServerOptions.DEFAULT;
        private String command;
        private List<String> args = List.of();
        private Map<String, String> env = Map.of();
        private List<String> passEnv = List.of();
        private boolean inheritEnv;
        private Path cwd;
        private Duration shutdownGrace = DEFAULT_SHUTDOWN_GRACE;

        private Builder(String name, String command) {
            this.name = name;
            this.command = command;
        }

        private Builder(StdioServer from) {
            name = from.name;
            options = from.options;
            command = from.command;
            args = from.args;
            env = from.env;
            passEnv = from.passEnv;
            inheritEnv = from.inheritEnv;
            cwd = from.cwd;
            shutdownGrace = from.shutdownGrace;
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder options(ServerOptions options) {
            this.options = options;
            return this;
        }

        public Builder command(String command) {
            this.command = command;
            return this;
        }

        public Builder args(List<String> args) {
            this.args = args;
            return this;
        }

        public Builder env(Map<String, String> env) {
            this.env = env;
            return this;
        }

        public Builder passEnv(List<String> passEnv) {
            this.passEnv = passEnv;
            return this;
        }

        public Builder inheritEnv(boolean inheritEnv) {
            this.inheritEnv = inheritEnv;
            return this;
        }

        public Builder cwd(Path cwd) {
            this.cwd = cwd;
            return this;
        }

        public Builder shutdownGrace(Duration shutdownGrace) {
            this.shutdownGrace = shutdownGrace;
            return this;
        }

        /** The server, checked by its constructor. */
        public StdioServer build() {
            return new StdioServer(name, options, command, args, env, passEnv, inheritEnv, cwd, shutdownGrace);
        }
    }
}
