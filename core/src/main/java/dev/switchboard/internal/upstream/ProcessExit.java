package dev.switchboard.internal.upstream;

import dev.switchboard.ErrorCode;
import dev.switchboard.SwitchboardException;
import java.util.List;

/**
 * How a stdio server process ended.
 *
 * @param server the server's name
 * @param pid the process id it had
 * @param exitCode its exit code (on Unix, 128 + n when killed by signal n)
 * @param stderrTail the last lines it wrote to stderr, oldest first, already scrubbed of secrets
 * @param expected whether the exit was asked for (our own close) rather than a crash or a server quitting on its own
 */
record ProcessExit(String server, long pid, int exitCode, List<String> stderrTail, boolean expected) {
    private static final int MESSAGE_TAIL_LINES = 10;

    ProcessExit {
        stderrTail = List.copyOf(stderrTail);
    }

    /** The {@link ErrorCode#PROCESS_EXITED} failure that pending and later calls of this process fail with. */
    SwitchboardException toException() {
        return new SwitchboardException(ErrorCode.PROCESS_EXITED, server, message());
    }

    /** What happened, with the last stderr lines and what to check next. */
    String message() {
        StringBuilder sb = new StringBuilder("stdio server '").append(server).append("' (pid ").append(pid)
                .append(") exited with code ").append(exitCode);
        String signal = signalName(exitCode);
        if (signal != null) {
            sb.append(" (killed by ").append(signal).append(')');
        }
        if (expected) {
            return sb.append(" (the exit was requested)").toString();
        }
        if (stderrTail.isEmpty()) {
            return sb.append("; it wrote nothing to stderr: check its command, args and env").toString();
        }
        List<String> last = stderrTail.subList(Math.max(0, stderrTail.size() - MESSAGE_TAIL_LINES),
                stderrTail.size());
        return sb.append("; last stderr lines:\n  ").append(String.join("\n  ", last))
                .append("\ncheck the server's stderr above and its command, args and env").toString();
    }

    private static String signalName(int code) {
        if (ChildEnvironment.isWindows() || code <= 128 || code > 128 + 64) {
            return null;
        }
        return switch (code - 128) {
            case 1 -> "SIGHUP";
            case 2 -> "SIGINT";
            case 6 -> "SIGABRT";
            case 9 -> "SIGKILL";
            case 11 -> "SIGSEGV";
            case 13 -> "SIGPIPE";
            case 15 -> "SIGTERM";
            default -> "signal " + (code - 128);
        };
    }
}
