package dev.switchboard.internal.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which POST bodies are requests, and their ids: only a request's exchange can be abandoned by its id. */
class OpenExchangesTest {

    @Test
    void findsTheIdOfARequestAsTheSdkWritesIt() {
        assertThat(OpenExchanges.requestId("{\"jsonrpc\":\"2.0\",\"method\":\"tools/call\",\"id\":\"switchboard-12\","
                + "\"params\":{\"name\":\"t\",\"arguments\":{\"id\":\"not-this\"}}}")).isEqualTo("switchboard-12");
        assertThat(OpenExchanges.requestId("{\"jsonrpc\":\"2.0\",\"method\":\"ping\",\"id\":42}")).isEqualTo("42");
        assertThat(OpenExchanges.requestId("{\"jsonrpc\":\"2.0\",\"method\":\"ping\",\"id\":-7,\"params\":{}}"))
                .isEqualTo("-7");
    }

    @Test
    void aResponseOrANotificationIsNoRequest() {
        // Our answer to a server's request: its id is the server's, and nothing of ours waits on it.
        assertThat(OpenExchanges.requestId("{\"jsonrpc\":\"2.0\",\"id\":3,\"result\":{\"method\":\"x\"}}")).isNull();
        assertThat(OpenExchanges.requestId("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\","
                + "\"params\":{\"requestId\":\"switchboard-1\"}}")).isNull();
        assertThat(OpenExchanges.requestId("{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"id\":\"unterminated")).isNull();
    }
}
