package dev.switchboard.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The notifications the gateway itself sends its clients. */
final class Notices {
    private Notices() {
    }

    /** Tells a client that some events of a stream are gone: it read too slowly, or reconnected too late. */
    static ObjectNode lostEvents(long lost, int kept) {
        return log("warning", lost + " message(s) of this stream were dropped: the client read too slowly or"
                + " reconnected too late (the gateway keeps the last " + kept + "; raise gateway.replay_events to"
                + " keep more)");
    }

    static ObjectNode listChanged(String what) {
        return JsonRpc.notification("notifications/" + what + "/list_changed", null);
    }

    private static ObjectNode log(String level, String text) {
        ObjectNode params = JsonRpc.object();
        params.put("level", level);
        params.put("logger", "switchboard");
        params.put("data", text);
        return JsonRpc.notification("notifications/message", params);
    }
}
