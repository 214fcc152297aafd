package dev.switchboard.internal.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.ServerState;
import dev.switchboard.config.StdioServer;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** ServerStatus.since(): reconnect attempts (CONNECTING, RETRYING, CONNECTING, ...) are one stretch of time. */
class StatusSinceTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void reconnectAttemptsKeepTheTimeTheServerStartedComingBack() {
        var book = new StatusBook(StdioServer.builder("s", "cmd").build());
        book.state(ServerState.READY, T0);
        book.state(ServerState.RETRYING, T0.plusSeconds(10));
        book.state(ServerState.CONNECTING, T0.plusSeconds(11));
        book.state(ServerState.RETRYING, T0.plusSeconds(12));
        assertThat(book.snapshot(null).since()).isEqualTo(T0.plusSeconds(10));

        book.state(ServerState.FAILED, T0.plusSeconds(20));
        assertThat(book.snapshot(null).since()).isEqualTo(T0.plusSeconds(20));
        book.state(ServerState.CONNECTING, T0.plusSeconds(30));
        book.state(ServerState.READY, T0.plusSeconds(31));
        book.state(ServerState.READY, T0.plusSeconds(40));
        assertThat(book.snapshot(null).since()).isEqualTo(T0.plusSeconds(31));
    }
}
