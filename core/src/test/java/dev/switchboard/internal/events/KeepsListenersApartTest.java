package dev.switchboard.internal.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.switchboard.RecordingListener;
import dev.switchboard.SwitchboardEvent;
import dev.switchboard.SwitchboardListener;
import dev.switchboard.internal.observe.LogEvents;
import dev.switchboard.internal.observe.LogGate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A listener that blocks or throws costs only itself: publishing never waits, the others hear every event in
 * order, a stuck listener's overflow is dropped, counted and logged once, and a throwing one keeps hearing events.
 */
class KeepsListenersApartTest {
    private static final int CAPACITY = 4;
    private static final int EVENTS = 20;

    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(Subscription.class);
    private final EventHub hub = new EventHub(CAPACITY, LogGate.ALL);

    @BeforeEach
    void capture() {
        logged.start();
        logger.addAppender(logged);
    }

    @AfterEach
    void release() {
        logger.detachAppender(logged);
        hub.close();
    }

    private static SwitchboardEvent.CallFinished call(int n) {
        return new SwitchboardEvent.CallFinished("s", "tool" + n, Duration.ofMillis(n), null, 1, Instant.EPOCH);
    }

    private List<ILoggingEvent> drops() {
        return logged.list.stream().filter(e -> e.getMessage().equals(LogEvents.LISTENER_DROPPED)).toList();
    }

    @Test
    void aStuckListenerLosesItsOverflowWhileTheOthersHearEverythingInOrder() throws Exception {
        CountDownLatch stuck = new CountDownLatch(1);
        CountDownLatch entered = new CountDownLatch(1);
        AtomicInteger slowHeard = new AtomicInteger();
        SwitchboardListener slow = new SwitchboardListener() {
            @Override
            public void callFinished(SwitchboardEvent.CallFinished event) {
                entered.countDown();
                try {
                    stuck.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                slowHeard.incrementAndGet();
            }
        };
        RecordingListener other = new RecordingListener();
        AtomicInteger thrown = new AtomicInteger();
        SwitchboardListener failing = new SwitchboardListener() {
            @Override
            public void callFinished(SwitchboardEvent.CallFinished event) {
                thrown.incrementAndGet();
                throw new IllegalStateException("listener bug");
            }
        };
        hub.add(slow);
        hub.add(other);
        hub.add(failing);

        hub.publish(call(0));
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue(); // the slow one now holds event 0
        for (int n = 1; n < EVENTS; n++) {
            hub.publish(call(n)); // returns at once although the slow one is stuck
            int heard = n + 1;
            // Paced by the healthy listeners, whose queues are as small: only the stuck one falls behind.
            await().until(() -> other.events().size() == heard && thrown.get() == heard);
        }
        assertThat(other.of(SwitchboardEvent.CallFinished.class)).extracting(SwitchboardEvent.CallFinished::tool)
                .containsExactlyElementsOf(IntStream.range(0, EVENTS).mapToObj(n -> "tool" + n).toList());
        assertThat(drops()).as("the first drop is logged once").hasSize(1);

        stuck.countDown();
        hub.remove(slow);
        assertThat(slowHeard.get()).as("event 0 and a full queue").isEqualTo(1 + CAPACITY);
        assertThat(drops()).hasSize(2).last().satisfies(e -> assertThat(e.getKeyValuePairs())
                .anySatisfy(kv -> assertThat(kv.key + "=" + kv.value).isEqualTo("dropped="
                        + (EVENTS - 1 - CAPACITY))));
    }

    @Test
    void closeDeliversWhatIsQueuedBeforeItReturns() {
        RecordingListener late = new RecordingListener();
        CountDownLatch go = new CountDownLatch(1);
        hub.add(new SwitchboardListener() {
            @Override
            public void callFinished(SwitchboardEvent.CallFinished event) {
                try {
                    go.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        hub.add(late);
        IntStream.range(0, CAPACITY).forEach(n -> hub.publish(call(n)));
        go.countDown();
        hub.close();
        assertThat(late.events()).hasSize(CAPACITY);
        hub.publish(call(99)); // after close: nobody hears it, nothing fails
        assertThat(late.events()).hasSize(CAPACITY);
    }
}
