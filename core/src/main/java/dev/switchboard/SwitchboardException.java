package dev.switchboard;

import java.util.Objects;
import java.util.Optional;

/**
 * The one exception Switchboard throws: a failure with a stable {@link ErrorCode}, the server (and tool) it concerns,
 * and a message that says what to check next.
 */
public class SwitchboardException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final String server;
    private final String tool;

    public SwitchboardException(ErrorCode code, String server, String tool, String message, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
        this.server = server;
        this.tool = tool;
    }

    public SwitchboardException(ErrorCode code, String server, String message) {
        this(code, server, null, message, null);
    }

    public SwitchboardException(ErrorCode code, String message) {
        this(code, null, null, message, null);
    }

    public ErrorCode code() {
        return code;
    }

    /** The server the failure concerns, when there is one. */
    public Optional<String> server() {
        return Optional.ofNullable(server);
    }

    /** The tool the failure concerns, when there is one. */
    public Optional<String> tool() {
        return Optional.ofNullable(tool);
    }

    @Override
    public String toString() {
        return code + ": " + getMessage();
    }
}
