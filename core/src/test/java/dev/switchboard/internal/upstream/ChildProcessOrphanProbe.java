package dev.switchboard.internal.upstream;

import io.modelcontextprotocol.spec.McpSchema.JSONRPCNotification;
import java.util.Map;

/**
 * Run in a separate JVM by {@link ChildProcessShutdownHookTest}: starts a server that has a grandchild, prints both
 * pids, and exits without closing anything, as an application that forgets to would.
 */
public final class ChildProcessOrphanProbe {
    private ChildProcessOrphanProbe() {
    }

    public static void main(String[] args) throws Exception {
        String script = """
                trap '' TERM
                sleep 600 &
                echo "{\\"jsonrpc\\":\\"2.0\\",\\"method\\":\\"pid\\",\\"params\\":{\\"pid\\":$!}}"
                wait
                """;
        var inbox = new StdioScripts.Inbox();
        var transport = StdioScripts.transport(StdioScripts.bash("forgotten", script));
        transport.connect(inbox).block(StdioScripts.PROMPTLY);
        var hello = (JSONRPCNotification) inbox.next();
        Object grandchild = ((Map<?, ?>) hello.params()).get("pid");
        System.out.println("pids " + transport.pid() + " " + grandchild);
        System.out.flush();
        System.exit(0);
    }
}
