package dev.switchboard.internal.upstream;

import static dev.switchboard.internal.upstream.StdioScripts.PROMPTLY;
import static dev.switchboard.internal.upstream.StdioScripts.bash;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.ErrorCode;
import dev.switchboard.SwitchboardException;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpClientSession;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCRequest;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

/**
 * A server that dies while the session is open is reported at once: exit code and last stderr lines go to the
 * owner, pending requests fail now (not after their timeout), and later sends fail fast.
 */
class StdioProcessExitTest {
    // Reads one request, complains on stderr and dies without answering.
    private static final String DIES_ON_FIRST_REQUEST = """
            IFS= read -r line
            echo "fatal: cannot open database" >&2
            exit 3
            """;

    @Test
    void exitIsReportedWithCodeAndStderrAndPendingRequestFails() throws Exception {
        var exited = new CompletableFuture<ProcessExit>();
        var transportError = new CompletableFuture<Throwable>();
        var inbox = new StdioScripts.Inbox();
        try (var transport = StdioScripts.transport(bash("dying", DIES_ON_FIRST_REQUEST))) {
            transport.onExit(exited::complete);
            transport.setExceptionHandler(transportError::complete);
            transport.connect(inbox).block(PROMPTLY);

            transport.sendMessage(new JSONRPCRequest("2.0", "tools/call", "call-7", Map.of())).block(PROMPTLY);

            ProcessExit exit = exited.get(PROMPTLY.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(exit.exitCode()).isEqualTo(3);
            assertThat(exit.expected()).isFalse();
            assertThat(exit.stderrTail()).containsExactly("fatal: cannot open database");
            assertThat(exit.toException().code()).isEqualTo(ErrorCode.PROCESS_EXITED);
            assertThat(exit.toException().getMessage()).contains("'dying'").contains("exited with code 3")
                    .contains("fatal: cannot open database");

            var failure = (JSONRPCResponse) inbox.next();
            assertThat(failure.id()).isEqualTo("call-7");
            assertThat(failure.error().message()).contains("exited with code 3");
            assertThat(failure.error().data()).asInstanceOf(InstanceOfAssertFactories.MAP)
                    .containsEntry(StdioInFlight.ERROR_CODE_KEY, "PROCESS_EXITED");

            assertThat(transportError.get(PROMPTLY.toMillis(), TimeUnit.MILLISECONDS))
                    .isInstanceOfSatisfying(SwitchboardException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.PROCESS_EXITED));
            assertThat(transport.isOpen()).isFalse();
            assertThatThrownBy(() -> transport.sendMessage(new JSONRPCRequest("2.0", "ping", "p", null))
                    .block(PROMPTLY))
                    .isInstanceOfSatisfying(SwitchboardException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.PROCESS_EXITED));
        }
    }

    @Test
    void sdkSessionRequestFailsAtOnceDespiteALongRequestTimeout() {
        try (var transport = StdioScripts.transport(bash("dying", DIES_ON_FIRST_REQUEST))) {
            var session = new McpClientSession(Duration.ofMinutes(10), transport, Map.of(), Map.of(),
                    Function.identity());

            // Without the transport's help the SDK would wait the full 10 minutes; the block bound would trip first.
            assertThatThrownBy(() -> session.sendRequest("tools/list", Map.of(), new TypeRef<Map<String, Object>>() {
            }).block(PROMPTLY))
                    .isInstanceOfSatisfying(McpError.class, e -> assertThat(e.getMessage())
                            .contains("exited with code 3").contains("fatal: cannot open database"));
            session.close();
        }
    }

    @Test
    void ownCloseIsReportedAsExpected() throws Exception {
        var exited = new CompletableFuture<ProcessExit>();
        var transport = StdioScripts.transport(bash("quiet", "IFS= read -r line || exit 0"));
        transport.onExit(exited::complete);
        transport.start();

        transport.close();

        ProcessExit exit = exited.get(PROMPTLY.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(exit.expected()).isTrue();
        assertThat(exit.exitCode()).isZero(); // closing stdin was enough
        assertThat(exit.stderrTail()).isEqualTo(List.of());
        assertThatThrownBy(() -> transport.sendMessage(new JSONRPCRequest("2.0", "ping", "p", null)).block(PROMPTLY))
                .isInstanceOfSatisfying(SwitchboardException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.SERVER_UNAVAILABLE));
    }
}
