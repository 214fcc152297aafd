package dev.switchboard;

import java.util.List;

/**
 * A fail-fast {@link Switchboard#callAll} that stopped at a failure: its code and message are those of the first
 * call that failed, and {@link #outcomes()} still says what became of every call, including the ones that had
 * already finished.
 */
public final class CallAllException extends SwitchboardException {
    private final transient List<Outcome> outcomes;
    private final int failedIndex;

    /**
     * @param outcomes one per call, in input order: results, failures, and CANCELLED for the calls that were
     *     stopped or never started
     * @param failedIndex the index of the call whose failure stopped the batch
     */
    public CallAllException(ErrorCode code, String server, String tool, String message, Throwable cause,
            List<Outcome> outcomes, int failedIndex) {
        super(code, server, tool, message, cause);
        this.outcomes = List.copyOf(outcomes);
        this.failedIndex = failedIndex;
    }

    /** What became of every call, in input order. */
    public List<Outcome> outcomes() {
        return outcomes;
    }

    /** The index of the call whose failure stopped the batch. */
    public int failedIndex() {
        return failedIndex;
    }
}
