package dev.switchboard;

/** Where a server's connection is in its life. */
public enum ServerState {
    /** Disabled by configuration; never connected. */
    DISABLED,
    /** An attempt to start or dial the server and initialise the MCP session is under way. */
    CONNECTING,
    /** Initialised and taking calls. */
    READY,
    /** The last attempt failed with a transient error; waiting for the next one. */
    RETRYING,
    /** Failed with an error that retrying cannot fix (bad credentials, wrong protocol, missing command). */
    FAILED,
    /** Closed by Switchboard. */
    CLOSED
}
