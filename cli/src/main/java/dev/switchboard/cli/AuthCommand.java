package dev.switchboard.cli;

import dev.switchboard.AuthorizationHandler;
import dev.switchboard.OAuthTokens;
import dev.switchboard.ServerStatus;
import dev.switchboard.Switchboard;
import dev.switchboard.SwitchboardException;
import dev.switchboard.UserCredentials;
import dev.switchboard.config.HttpServer;
import dev.switchboard.config.ServerConfig;
import dev.switchboard.config.SwitchboardConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code switchboard auth}: the OAuth authorization of servers with {@code auth:}, whose tokens the CLI keeps
 * encrypted in its token directory (so that later commands refresh them instead of asking again).
 */
@Command(name = "auth", description = {"Log in to OAuth-protected servers (auth: in the configuration), show and "
        + "forget the tokens kept for them.",
    "Tokens are kept in SWITCHBOARD_TOKEN_DIR, else $XDG_CONFIG_HOME/switchboard/tokens, else "
        + "~/.config/switchboard/tokens, one AES-256-GCM file per server; the key is SWITCHBOARD_TOKEN_KEY (32 "
        + "bytes, base64) when set, else token.key in that directory (readable by its owner only)."},
        subcommands = {AuthCommand.Login.class, AuthCommand.Status.class, AuthCommand.Logout.class})
final class AuthCommand extends BaseCommand {
    /** How long a person has to authorize in the browser. */
    static final Duration LOGIN_WAIT = Duration.ofMinutes(5);

    @Override
    int execute() {
        spec.commandLine().usage(err());
        return ExitCodes.USAGE;
    }

    /** The options and lookups the subcommands share. */
    abstract static class AuthSubcommand extends ConfigCommand {
        @Option(names = "--token-dir", paramLabel = "DIR", description = "Where the tokens are kept (default: see"
                + " 'switchboard auth --help').")
        Path tokenDir;

        final Path tokens() {
            return TokenDirectory.or(tokenDir);
        }

        final List<HttpServer> protectedServers(SwitchboardConfig config) {
            return config.servers().stream().filter(s -> s instanceof HttpServer h && h.auth() != null)
                    .map(HttpServer.class::cast).toList();
        }

        /** The server named, if it has {@code auth:}; else an error printed and null. */
        final HttpServer server(SwitchboardConfig config, String name) {
            ServerConfig s = config.server(name).orElse(null);
            if (s instanceof HttpServer h && h.auth() != null) {
                return h;
            }
            error("error: " + (s == null ? "there is no server '" + name + "'" : "server '" + name + "' has no"
                    + " auth: (expected: a server with auth: oauth or client_credentials)") + " in " + configFile);
            return null;
        }
    }

    /** {@code auth login CONFIG SERVER}: authorizes anew and keeps the tokens. */
    @Command(name = "login", description = {"Authorize Switchboard at SERVER's authorization server: prints the URL"
            + " to open in a browser (on any machine) and waits on a loopback port for the redirect; then keeps the"
            + " tokens. Earlier tokens of SERVER are forgotten first."})
    static final class Login extends AuthSubcommand {
        @Parameters(index = "1", paramLabel = "SERVER", description = "The server's name.")
        String name;

        @Option(names = "--user", paramLabel = "ID", description = "Log in as this user, for a server with"
                + " credentials: per_user: the grant is kept under ID, and the gateway uses it for the client"
                + " authenticated as ID.")
        String user;

        @Override
        int execute() throws IOException {
            SwitchboardConfig config = loadConfig();
            HttpServer server = server(config, name);
            if (server == null) {
                return ExitCodes.USAGE;
            }
            if (user != null) {
                return loginAs(config);
            }
            OAuthTokens.in(tokens()).forget(name);
            AuthorizationHandler handler = AuthorizationHandler.loopback(url -> {
                err().println("Open this URL in a browser to authorize Switchboard for '" + name + "':");
                err().println("  " + url);
                err().flush();
            }, LOGIN_WAIT);
            try (Switchboard sb = Switchboard.builder(CallCommand.onlyServer(config, name)).tokenStore(tokens())
                    .authorizationHandler(handler).failOnRequiredServers(false).start()) {
                ServerStatus status = sb.status(name);
                if (!status.ready()) {
                    error("error: " + status.error().map(e -> e.code() + ": " + e.message())
                            .orElse("server '" + name + "' is " + status.state()));
                    return ExitCodes.FAILED;
                }
            }
            print("Logged in to '" + name + "'; the tokens are kept in " + tokens());
            return ExitCodes.OK;
        }

        /** The grant of one user: a call of the server's tools as that user runs the flow and keeps the tokens. */
        private int loginAs(SwitchboardConfig config) throws IOException {
            OAuthTokens.in(tokens()).forget(name, user);
            AuthorizationHandler handler = AuthorizationHandler.loopback(url -> {
                err().println("Open this URL in a browser, signed in as '" + user + "', to authorize Switchboard for '"
                        + name + "':");
                err().println("  " + url);
                err().flush();
            }, LOGIN_WAIT);
            try (Switchboard sb = Switchboard.builder(CallCommand.onlyServer(config, name)).tokenStore(tokens())
                    .authorizationHandler(handler).failOnRequiredServers(false).start()) {
                sb.tools(name, UserCredentials.oauthGrant(user));
            } catch (SwitchboardException e) {
                error("error: " + e.code() + ": " + e.getMessage());
                return ExitCodes.FAILED;
            }
            print("Logged in to '" + name + "' as user '" + user + "'; the tokens are kept in " + tokens());
            return ExitCodes.OK;
        }
    }

    /** {@code auth status CONFIG}: which servers have tokens kept, until when. */
    @Command(name = "status", description = "For each server with auth:, whether tokens are kept and until when.")
    static final class Status extends AuthSubcommand {
        @Override
        int execute() {
            SwitchboardConfig config = loadConfig();
            OAuthTokens kept = OAuthTokens.in(tokens());
            for (HttpServer s : protectedServers(config)) {
                String line;
                try {
                    line = kept.kept(s).map(k -> "logged in at " + k.authorizationServer() + (k.expiresAt() == null
                            ? "" : ", access token expires " + k.expiresAt()) + (k.refreshable() ? ", refreshable"
                            : ", not refreshable") + (k.scopes().isEmpty() ? "" : ", scopes " + String.join(" ",
                            k.scopes()))).orElse("not logged in (switchboard auth login " + configFile + " "
                            + s.name() + ")");
                } catch (IOException e) {
                    line = "unreadable: " + e.getMessage() + " (log in again)";
                }
                print(s.name() + " (" + s.auth().type() + "): " + line);
            }
            return ExitCodes.OK;
        }
    }

    /** {@code auth logout CONFIG SERVER}: forgets the kept tokens. */
    @Command(name = "logout", description = "Forget the tokens kept for SERVER.")
    static final class Logout extends AuthSubcommand {
        @Parameters(index = "1", paramLabel = "SERVER", description = "The server's name.")
        String name;

        @Option(names = "--user", paramLabel = "ID", description = "Forget the grant of this user instead.")
        String user;

        @Override
        int execute() throws IOException {
            SwitchboardConfig config = loadConfig();
            if (server(config, name) == null) {
                return ExitCodes.USAGE;
            }
            if (user != null) {
                boolean had = OAuthTokens.in(tokens()).forget(name, user);
                print(had ? "Logged out of '" + name + "' for user '" + user + "'" : "No grant of user '" + user
                        + "' was kept for '" + name + "'");
                return ExitCodes.OK;
            }
            boolean had = OAuthTokens.in(tokens()).forget(name);
            print(had ? "Logged out of '" + name + "': its tokens are forgotten" : "No tokens were kept for '" + name
                    + "'");
            return ExitCodes.OK;
        }
    }
}
