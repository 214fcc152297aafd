package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeTool;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

/**
 * The gateway answers while every thread of the JVM's common pool is blocked, as it may be in an application that
 * embeds it: nothing on its path (Jetty, the session, Switchboard's call) waits for that pool.
 */
class NeedsNoCommonPoolTest {
    @Test
    void initializeListAndCallWhileTheCommonPoolIsBlocked() {
        try (Fixture fixture = Fixture.start(List.of(Fixture.stdio("alpha", FakeMcpServer.builder().name("alpha")
                .tool(FakeTool.echo("echo")).build())))) {
            CountDownLatch release = new CountDownLatch(1);
            int threads = ForkJoinPool.getCommonPoolParallelism();
            CountDownLatch blocked = new CountDownLatch(threads);
            for (int i = 0; i < threads; i++) {
                ForkJoinPool.commonPool().execute(() -> {
                    blocked.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
            }
            try {
                assertThat(blocked.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
                RawClient raw = new RawClient(fixture.url());
                String session = raw.initialize("2025-11-25");

                RawClient.Answer call = raw.post(RawClient.request(2, "tools/call",
                        "{\"name\":\"alpha__echo\",\"arguments\":{\"k\":\"v\"}}"), Map.of("Mcp-Session-Id", session));

                assertThat(call.status()).isEqualTo(200);
                assertThat(call.json().at("/result/content/0/text").asText()).contains("\"k\":\"v\"");
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            } finally {
                release.countDown();
            }
        }
    }
}
