package dev.switchboard.internal.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The deadline watch wakes each parked caller once its deadline has passed, including a deadline earlier than the
 * one the sweeper sleeps towards, and lets every caller go when it stops. Callers wait as SessionRequest does:
 * parked untimed, looking at their own deadline on every wake-up. Real time, in tens of milliseconds.
 */
class DeadlineWatchTest {

    /** Parks like a caller of a request that never gets its answer; completes with how late it woke. */
    private static CompletableFuture<Duration> waitOut(DeadlineWatch watch, Deadline deadline) {
        var lateBy = new CompletableFuture<Duration>();
        Thread.ofVirtual().start(() -> {
            DeadlineWatch.Waiter w = watch.watch(deadline);
            try {
                while (!deadline.passed()) {
                    if (watch.isRunning()) {
                        LockSupport.park(deadline);
                    } else {
                        LockSupport.parkNanos(deadline, deadline.remainingNanos());
                    }
                }
                lateBy.complete(Duration.ofNanos(-deadline.remainingNanos()));
            } finally {
                watch.forget(w);
            }
        });
        return lateBy;
    }

    @Test
    void wakesEachCallerAfterItsDeadline() throws Exception {
        var watch = new DeadlineWatch("t");
        try {
            List<CompletableFuture<Duration>> waits = new ArrayList<>();
            for (int i = 1; i <= 20; i++) {
                waits.add(waitOut(watch, Deadline.of(Duration.ofMillis(15L * i))));
            }
            for (var w : waits) {
                // Never early (the loop), and woken: without the watch nothing would wake these callers at all.
                assertThat(w.get(30, TimeUnit.SECONDS)).isGreaterThanOrEqualTo(Duration.ZERO);
            }
        } finally {
            watch.stop();
        }
    }

    @Test
    void anEarlierDeadlineWakesTheSleepingSweeper() throws Exception {
        var watch = new DeadlineWatch("t");
        try {
            var far = waitOut(watch, Deadline.of(Duration.ofMinutes(10)));
            // The sweeper settles on the far deadline, and then sleeps up to a minute.
            Awaitility.await().until(() -> watch.watching() == 1 && watch.sleepsUntilADeadline());
            var near = waitOut(watch, Deadline.of(Duration.ofMillis(50)));
            assertThat(near.get(30, TimeUnit.SECONDS)).isLessThan(Duration.ofSeconds(20));
            assertThat(far).isNotDone();
        } finally {
            watch.stop();
        }
    }

    @Test
    void stoppingLetsEveryCallerWaitOnItsOwn() throws Exception {
        var watch = new DeadlineWatch("t");
        var waiting = waitOut(watch, Deadline.of(Duration.ofMillis(300)));
        Awaitility.await().until(() -> watch.watching() == 1);
        watch.stop();
        assertThat(watch.watch(Deadline.of(Duration.ofSeconds(1)))).isNull();
        assertThat(waiting.get(30, TimeUnit.SECONDS)).isGreaterThanOrEqualTo(Duration.ZERO);
    }
}
