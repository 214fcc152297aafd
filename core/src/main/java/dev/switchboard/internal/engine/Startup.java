package dev.switchboard.internal.engine;

import dev.switchboard.ErrorCode;
import dev.switchboard.ErrorInfo;
import dev.switchboard.ServerState;
import dev.switchboard.ServerStatus;
import dev.switchboard.SwitchboardException;
import dev.switchboard.config.Durations;
import java.time.Duration;
import java.util.List;

/** Decides whether a start failed: a required server that is not ready fails it. */
final class Startup {
    private Startup() {
    }

    /**
     * @param timedOutAfter the startup timeout when it passed before every server was waited for, else null
     * @throws SwitchboardException when a required server is not ready: one error naming every such server, with
     *     the code of the first one's last failure
     */
    static void checkRequired(List<? extends ServerStatus> statuses, Duration timedOutAfter) {
        List<? extends ServerStatus> failed = statuses.stream()
                .filter(s -> s.required() && s.state() != ServerState.READY && s.state() != ServerState.DISABLED)
                .toList();
        if (failed.isEmpty()) {
            return;
        }
        StringBuilder sb = new StringBuilder(failed.size() == 1 ? "a required server" : failed.size()
                + " required servers").append(" could not be connected").append(timedOutAfter == null ? ":"
                : " within orchestration.startup_timeout (" + Durations.format(timedOutAfter) + "):");
        for (ServerStatus s : failed) {
            ErrorInfo e = s.lastError();
            sb.append("\n  ").append(s.name()).append(": ")
                    .append(e == null ? s.state().name() : e.code() + " " + e.message());
        }
        ErrorInfo first = failed.get(0).lastError();
        ErrorCode code = first != null ? first.code()
                : timedOutAfter != null ? ErrorCode.TIMEOUT : ErrorCode.SERVER_UNAVAILABLE;
        throw new SwitchboardException(code,
                failed.size() == 1 ? failed.get(0).name() : null, null, sb.toString(), null);
    }
}
