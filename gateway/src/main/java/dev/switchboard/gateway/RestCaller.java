package dev.switchboard.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code GET /api/v1/me}: who the gateway takes the caller for and what it may do, so that a client (the dashboard)
 * offers only what will work: the controls only to a token that may use them. It names the token, never shows it.
 */
final class RestCaller {
    private RestCaller() {
    }

    static void me(RestExchange x) {
        Caller caller = x.caller();
        ObjectNode out = JsonRpc.object();
        out.put("name", caller.name());
        // Anyone is the caller only when the gateway needs no token.
        out.put("tokenRequired", !(caller instanceof Caller.Anyone));
        out.put("mayControl", caller.mayControl());
        x.json(200, out);
    }
}
