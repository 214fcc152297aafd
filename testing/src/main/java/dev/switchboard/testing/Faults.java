package dev.switchboard.testing;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Server-level misbehaviour of a fake server; every field is off by default.
 *
 * @param requireBearer    HTTP: answer every request 401 unless it carries {@code Authorization: Bearer <this>}
 * @param protocolVersion  answer {@code initialize} with this protocol version whatever the client asked
 * @param exitOnStart      child process: write {@code startupStderr} and exit with this code before serving
 * @param startupStderr    lines written to stderr before {@code exitOnStart}
 * @param malformedOutput  stdio: answer every line read with non-JSON garbage instead of MCP
 * @param ignoreSigterm    stdio: the process ignores SIGTERM and stdin EOF; only SIGKILL ends it
 * @param pidFile          child process: start a long-lived grandchild and write "serverPid grandchildPid" here
 * @param silentInitialize stdio: never answer {@code initialize} (the process runs and reads, but stays silent)
 * @param wrongIds         stdio: every answer but initialize's carries an id no request had (the real id plus
 *                         1,000,000, or "wrong-" before a string id)
 * @param resourceMetadata HTTP: the {@code resource_metadata} URL its 401 names (RFC 9728), as a server protected
 *                         by an OAuth authorization server does; null for a bare {@code Bearer} challenge
 * @param bearerUsers      HTTP: more bearer tokens it accepts, each with the user it stands for (token to user);
 *                         with any, a request with none of them (nor {@code requireBearer}) is answered 401
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Faults(String requireBearer, String protocolVersion, Integer exitOnStart, List<String> startupStderr,
                     boolean malformedOutput, boolean ignoreSigterm, String pidFile, boolean silentInitialize,
                     boolean wrongIds, String resourceMetadata, java.util.Map<String, String> bearerUsers) {

    /** No faults: a well-behaved server. */
    public static final Faults NONE = new Faults(null, null, null, List.of(), false, false, null, false, false,
            null, java.util.Map.of());

    public Faults {
        startupStderr = startupStderr == null ? List.of() : List.copyOf(startupStderr);
        bearerUsers = bearerUsers == null ? java.util.Map.of() : java.util.Map.copyOf(bearerUsers);
    }

    /** Whether any fault applies that only a child process can play out. */
    boolean needsOwnProcess() {
        return exitOnStart != null || malformedOutput || ignoreSigterm || pidFile != null || silentInitialize
                || wrongIds;
    }
}
