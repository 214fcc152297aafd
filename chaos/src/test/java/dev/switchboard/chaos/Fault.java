package dev.switchboard.chaos;

import java.time.Duration;

/**
 * One fault of a chaos run: what is done to which server, for how long, and whether it is a crash (then it may cost
 * at most the calls in flight on its server while it struck: from the start of {@code inject} to its end) or an
 * outage (calls may fail, typed and in time, until it is healed).
 *
 * @param name   what happens, as the figures name it
 * @param victim the server it happens to, or null when no server should notice (a client hanging up)
 * @param crash  whether it is a crash
 * @param inject does it
 * @param hold   how long the fault lasts before {@code heal}
 * @param heal   ends it (for a crash: nothing, the server heals by itself, or starting it again)
 */
record Fault(String name, String victim, boolean crash, Action inject, Duration hold, Action heal) {

    /** A step of a fault. */
    @FunctionalInterface
    interface Action {
        void run() throws Exception;
    }

    static Fault crash(String name, String victim, Action inject) {
        return crash(name, victim, inject, () -> { });
    }

    static Fault crash(String name, String victim, Action inject, Action heal) {
        return new Fault(name, victim, true, inject, Duration.ZERO, heal);
    }

    static Fault outage(String name, String victim, Action inject, Duration hold, Action heal) {
        return new Fault(name, victim, false, inject, hold, heal);
    }
}
