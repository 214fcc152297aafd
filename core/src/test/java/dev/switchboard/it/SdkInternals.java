package dev.switchboard.it;

import dev.switchboard.EngineOf;
import dev.switchboard.Switchboard;
import dev.switchboard.internal.upstream.SessionInternals;

/** What a server's current session still holds for requests in flight; see {@link SessionInternals}. */
final class SdkInternals {
    private SdkInternals() {
    }

    static int sdkPendingResponses(Switchboard sb, String server) {
        return SessionInternals.sdkPendingResponses(EngineOf.engine(sb).upstream(server));
    }

    static int openExchanges(Switchboard sb, String server) {
        return SessionInternals.openExchanges(EngineOf.engine(sb).upstream(server));
    }

    static int stdioPendingIds(Switchboard sb, String server) {
        return SessionInternals.stdioPendingIds(EngineOf.engine(sb).upstream(server));
    }
}
