package dev.switchboard.internal.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.ErrorCode;
import dev.switchboard.ErrorInfo;
import dev.switchboard.HealthState;
import dev.switchboard.ServerState;
import dev.switchboard.ServerStatus;
import dev.switchboard.config.HealthPolicy;
import dev.switchboard.config.Transport;
import dev.switchboard.internal.status.StatusSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The health verdicts from connection states and probe results, without I/O or time. */
class HealthStateMachineTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final ErrorInfo TIMEOUT = new ErrorInfo(ErrorCode.TIMEOUT, "no answer in 5s", T0);

    private final HealthTracker tracker = new HealthTracker(HealthPolicy.DEFAULT);

    @Test
    void aServerIsUnknownUntilItsFirstProbe() {
        assertThat(state()).isEqualTo(HealthState.UNKNOWN);
        tracker.onConnection(ServerState.READY, null);
        assertThat(state()).isEqualTo(HealthState.UNKNOWN);
        tracker.onSuccess(tracker.currentSession(), Duration.ofMillis(20), T0);
        assertThat(state()).isEqualTo(HealthState.HEALTHY);
    }

    @Test
    void aSlowButAnsweringServerIsDegradedNeverUnhealthy() {
        tracker.onConnection(ServerState.READY, null);
        for (int i = 0; i < 10; i++) {
            tracker.onSuccess(tracker.currentSession(), Duration.ofSeconds(4), T0);
            assertThat(state()).isEqualTo(HealthState.DEGRADED);
        }
        ServerStatus.Health h = health();
        assertThat(h.reason()).contains("4s", "degraded_after 2s");
        assertThat(h.lastResponse()).isEqualTo(Duration.ofSeconds(4));
        assertThat(h.consecutiveFailures()).isZero();
    }

    @Test
    void failedProbesDegradeThenMakeUnhealthyAtTheThreshold() {
        tracker.onConnection(ServerState.READY, null);
        long session = tracker.currentSession();
        tracker.onSuccess(session, Duration.ofMillis(10), T0);
        assertThat(tracker.onFailure(session, TIMEOUT)).isTrue();
        assertThat(state()).isEqualTo(HealthState.DEGRADED);
        assertThat(tracker.onFailure(session, TIMEOUT)).isFalse();
        assertThat(state()).isEqualTo(HealthState.DEGRADED);
        tracker.onFailure(session, TIMEOUT);
        assertThat(state()).isEqualTo(HealthState.UNHEALTHY);
        assertThat(health().consecutiveFailures()).isEqualTo(3);
        assertThat(health().lastError().code()).isEqualTo(ErrorCode.TIMEOUT);
        assertThat(health().lastSuccess()).isEqualTo(T0);
        tracker.onSuccess(session, Duration.ofMillis(10), T0.plusSeconds(30));
        assertThat(state()).isEqualTo(HealthState.HEALTHY);
        assertThat(health().consecutiveFailures()).isZero();
    }

    @Test
    void aLostSessionIsUnhealthyAtOnceAndALateProbeOfItChangesNothing() {
        tracker.onConnection(ServerState.READY, null);
        long old = tracker.currentSession();
        tracker.onSuccess(old, Duration.ofMillis(10), T0);
        ErrorInfo exited = new ErrorInfo(ErrorCode.PROCESS_EXITED, "exited with code 137", T0);
        assertThat(tracker.onConnection(ServerState.CONNECTING, exited)).isTrue();
        assertThat(state()).isEqualTo(HealthState.UNHEALTHY);
        assertThat(health().reason()).contains("session lost", "PROCESS_EXITED");
        tracker.onSuccess(old, Duration.ofMillis(10), T0);
        assertThat(state()).isEqualTo(HealthState.UNHEALTHY);
        tracker.onConnection(ServerState.READY, null);
        tracker.onSuccess(old, Duration.ofMillis(10), T0);
        assertThat(state()).as("a probe of the previous session").isEqualTo(HealthState.UNKNOWN);
    }

    @Test
    void theFirstConnectIsNotAFailureButAFailedAttemptIs() {
        tracker.onConnection(ServerState.CONNECTING, null);
        assertThat(state()).isEqualTo(HealthState.UNKNOWN);
        tracker.onConnection(ServerState.RETRYING, TIMEOUT);
        assertThat(state()).isEqualTo(HealthState.UNHEALTHY);
        tracker.onConnection(ServerState.CONNECTING, TIMEOUT);
        assertThat(state()).isEqualTo(HealthState.UNHEALTHY);
    }

    @Test
    void averageResponseIsTheMeanOfRecentSuccesses() {
        tracker.onConnection(ServerState.READY, null);
        tracker.onSuccess(tracker.currentSession(), Duration.ofMillis(100), T0);
        tracker.onSuccess(tracker.currentSession(), Duration.ofMillis(300), T0);
        assertThat(health().averageResponse()).isEqualTo(Duration.ofMillis(200));
    }

    private HealthState state() {
        return health().state();
    }

    private ServerStatus.Health health() {
        ServerStatus s = StatusSnapshot.connection("s", Transport.STDIO, ServerState.READY, false, 100, null, null, null,
                List.of(), 0, 0, 0, T0, Duration.ZERO, 0, T0, null);
        return tracker.snapshot(s, 0, T0.plusSeconds(60));
    }
}
