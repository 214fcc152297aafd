package dev.switchboard.cli;

/** The exit codes of every command; scripts depend on them, so they never change. */
final class ExitCodes {
    /** The command did what was asked. */
    static final int OK = 0;
    /** An operation failed: a server did not connect, a call failed, a tool reported an error. */
    static final int FAILED = 1;
    /** The command line or the configuration is invalid; nothing was attempted. */
    static final int USAGE = 2;

    private ExitCodes() {
    }
}
