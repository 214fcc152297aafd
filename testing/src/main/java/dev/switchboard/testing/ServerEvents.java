package dev.switchboard.testing;

import java.util.List;
import java.util.Map;

/** What a running fake reports while it serves; each run mode decides where the reports go. */
interface ServerEvents {

    /** A {@code tools/call} reached a tool handler. */
    void called(String tool, Map<String, Object> arguments);

    /** A {@code notifications/cancelled} arrived on the wire. */
    void cancelled(Object requestId, String reason);

    /** An HTTP request arrived with these headers (names in lower case); not reported by stdio. */
    default void requestHeaders(Map<String, List<String>> headers) {
    }

    /** An {@code exit} tool was called: end the server the way this run mode can. */
    void exitRequested(int code);

    /** The stdout of a stdio child, for faults below the protocol; null where there is none (HTTP, in-process). */
    default RawStdout rawStdout() {
        return null;
    }
}
