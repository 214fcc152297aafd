package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Found by ServesAnyHttpRequestFuzzTest: an initialize without protocolVersion was answered 500 (a null lookup). */
class AnswersAnInitializeWithoutAVersionTest {
    private static Guarded gateway;

    @BeforeAll
    static void start() {
        gateway = Guarded.start();
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void offersTheNewestVersion() {
        RawClient.Answer answer = new RawClient(gateway.url()).post(RawClient.request(1, "initialize",
                "{\"capabilities\":{},\"clientInfo\":{\"name\":\"c\",\"version\":\"1\"}}"),
                Guarded.bearer(Guarded.ADMIN.token()));

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().path("result").path("protocolVersion").asText()).isEqualTo(Handshake.VERSIONS.get(0));
    }

    @Test
    void aMissingVersionHeaderIsNotSupportedRatherThanAFailure() {
        assertThat(Handshake.supported(null)).isFalse();
        assertThat(Handshake.negotiate(null)).isEqualTo("2025-11-25");
    }
}
