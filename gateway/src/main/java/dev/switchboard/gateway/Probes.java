package dev.switchboard.gateway;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.ServerState;
import dev.switchboard.ServerStatus;
import dev.switchboard.Switchboard;
import org.eclipse.jetty.http.HttpStatus;

/**
 * What {@code /healthz} and {@code /readyz} answer. Alive means the process answers HTTP at all; ready means every
 * required server that is not disabled is READY and new sessions are accepted. A reason names a server, its state and the code of its
 * last error, never the error's text: the probes answer without a token.
 */
final class Probes {
    /** An answer: its HTTP status and JSON body. */
    record Answer(int status, ObjectNode body) {
    }

    private Probes() {
    }

    static Answer health() {
        ObjectNode body = JsonRpc.object();
        body.put("status", "up");
        return new Answer(HttpStatus.OK_200, body);
    }

    static Answer readiness(Switchboard switchboard, boolean draining) {
        ObjectNode body = JsonRpc.object();
        ArrayNode reasons = JsonRpc.MAPPER.createArrayNode();
        if (draining) {
            ObjectNode r = reasons.addObject();
            r.put("reason", "draining");
            r.put("message", "the gateway is shutting down: new sessions are refused, calls in flight finish");
        }
        for (ServerStatus s : switchboard.status()) {
            // A disabled server is an operator's choice: it does not stop the start either (Startup).
            if (s.required() && !s.ready() && s.state() != ServerState.DISABLED) {
                ObjectNode r = reasons.addObject();
                r.put("reason", "server_not_ready");
                r.put("server", s.name());
                r.put("state", s.state().name());
                String code = s.lastError() == null ? null : s.lastError().code().name();
                r.put("error_code", code);
                r.put("message", "required server " + s.name() + " is " + s.state().name()
                        + (code == null ? "" : " (last error " + code + ")"));
            }
        }
        if (reasons.isEmpty()) {
            body.put("status", "ready");
            return new Answer(HttpStatus.OK_200, body);
        }
        body.put("status", draining ? "draining" : "not_ready");
        body.set("reasons", reasons);
        return new Answer(HttpStatus.SERVICE_UNAVAILABLE_503, body);
    }
}
