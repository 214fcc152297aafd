package dev.switchboard.gateway;

import static dev.switchboard.gateway.RestEventStream.kind;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A caller holds at most {@link ServerEvents#MAX_PER_CALLER} event streams at once: each is a thread and a buffer
 * that every event visits, so one more is refused with 429 {@code TOO_MANY_STREAMS}, and another caller is not
 * held back by it.
 */
class LimitsEventStreamsTest {
    @Test
    void oneStreamTooManyIsRefusedUntilOneCloses() throws Exception {
        try (Guarded gateway = Guarded.start(); HttpClient http = HttpClient.newHttpClient()) {
            List<RestEventStream> open = new ArrayList<>();
            try {
                for (int i = 0; i < ServerEvents.MAX_PER_CALLER; i++) {
                    RestEventStream s = new RestEventStream(gateway.url(), "/api/v1/events", Guarded.ADMIN.token());
                    open.add(s);
                    s.next(kind("open"));
                }
                HttpResponse<String> refused = http.send(HttpRequest.newBuilder(gateway.url()
                        .resolve("/api/v1/events")).header("Authorization", "Bearer " + Guarded.ADMIN.token())
                        .GET().build(), HttpResponse.BodyHandlers.ofString());
                assertThat(refused.statusCode()).isEqualTo(429);
                assertThat(refused.body()).contains("TOO_MANY_STREAMS", "close one");

                try (RestEventStream other = new RestEventStream(gateway.url(), "/api/v1/events",
                        Guarded.GITHUB_ONLY.token())) {
                    other.next(kind("open")); // another caller's own share
                }
            } finally {
                for (RestEventStream s : open) {
                    s.close();
                }
            }
        }
    }
}
