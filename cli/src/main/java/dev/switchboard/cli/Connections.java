package dev.switchboard.cli;

import dev.switchboard.AuthorizationHandler;
import dev.switchboard.ServerState;
import dev.switchboard.ServerStatus;
import dev.switchboard.Switchboard;
import dev.switchboard.SwitchboardEvent;
import dev.switchboard.SwitchboardListener;
import dev.switchboard.config.SwitchboardConfig;
import java.io.PrintWriter;
import java.util.List;

/**
 * A Switchboard started the way the CLI needs it (never failing on required servers, with progress on a terminal)
 * and closed so that no server process outlives the command.
 */
final class Connections implements AutoCloseable {
    private final Switchboard switchboard;

    private Connections(Switchboard switchboard) {
        this.switchboard = switchboard;
    }

    /**
     * Connects to every enabled server and returns once each required one has settled and each optional one has
     * made its first attempt, as an application's start does; read {@link Switchboard#status()}.
     */
    static Connections open(SwitchboardConfig config, PrintWriter err) {
        return open(config, err, false);
    }

    /** Like {@link #open(SwitchboardConfig, PrintWriter)}; with {@code thorough}, optional servers settle too. */
    static Connections open(SwitchboardConfig config, PrintWriter err, boolean thorough) {
        long enabled = config.servers().stream().filter(s -> s.options().enabled()).count();
        Progress progress = Progress.onTerminal(err, (int) enabled);
        Switchboard.Builder builder = Switchboard.builder(config).failOnRequiredServers(false)
                .awaitOptionalServers(thorough).tokenStore(TokenDirectory.of(System.getenv()));
        if (System.console() != null) {
            // A person is there: a server with auth: oauth gets its authorization URL printed, and the redirect
            // comes back to a loopback port; the tokens are kept for the next commands.
            builder.authorizationHandler(AuthorizationHandler.loopback(url -> {
                err.println("Authorize Switchboard: open " + url);
                err.flush();
            }, AuthCommand.LOGIN_WAIT));
        }
        SwitchboardListener drawer = progress == null ? null : new SwitchboardListener() {
            @Override
            public void serverStateChanged(SwitchboardEvent.ServerStateChanged e) {
                ServerState state = e.status().state();
                if (state != ServerState.DISABLED && state != ServerState.CLOSED) {
                    progress.update(e.server(), state);
                }
            }
        };
        if (drawer != null) {
            builder.listener(drawer);
        }
        Switchboard sb = null;
        try {
            sb = builder.start();
            return new Connections(sb);
        } finally {
            if (progress != null) {
                if (sb != null) {
                    sb.removeListener(drawer); // delivers what is queued: nothing redraws the line after this
                }
                progress.clear();
            }
        }
    }

    Switchboard switchboard() {
        return switchboard;
    }

    /** Whether every required server is ready (disabled ones excepted, as at startup). */
    static boolean requiredReady(List<ServerStatus> statuses) {
        return statuses.stream().filter(ServerStatus::required)
                .allMatch(s -> s.ready() || s.state() == ServerState.DISABLED);
    }

    /** Closes every connection; core returns once every server process it started has been reaped. */
    @Override
    public void close() {
        switchboard.close();
    }
}
