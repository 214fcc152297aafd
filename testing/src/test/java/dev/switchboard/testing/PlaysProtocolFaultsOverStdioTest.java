package dev.switchboard.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The protocol faults of a stdio child for the chaos suite: each plays out exactly, between whole messages. */
@Timeout(60)
class PlaysProtocolFaultsOverStdioTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CALL = """
            {"jsonrpc":"2.0","id":%d,"method":"tools/call","params":{"name":"%s","arguments":{}}}""";

    @Test
    void silentInitializeNeverAnswersTheHandshake() throws Exception {
        var scenario = FakeMcpServer.builder().tool(FakeTool.echo("echo")).silentInitialize().build();
        try (var raw = new RawStdio(FakeMcpServer.stdioCommand(scenario))) {
            raw.send(RawStdio.INITIALIZE);
            assertThatThrownBy(raw::nextStdoutLine).isInstanceOf(TimeoutException.class);
            assertThat(raw.process().isAlive()).as("running, just silent").isTrue();
        }
    }

    @Test
    void wrongIdsAnswerCallsWithAnIdNoRequestHad() throws Exception {
        var scenario = FakeMcpServer.builder().tool(FakeTool.echo("echo")).wrongIds().build();
        try (var raw = new RawStdio(FakeMcpServer.stdioCommand(scenario))) {
            assertThat(JSON.readTree(raw.handshake()).path("id").asInt()).as("initialize is answered").isEqualTo(1);
            raw.send(CALL.formatted(2, "echo"));
            assertThat(JSON.readTree(raw.nextStdoutLine()).path("id").asLong()).isEqualTo(1_000_002L);
        }
    }

    @Test
    void hugeLineWritesOneNotificationOfThatSizeThenAnswers() throws Exception {
        var scenario = FakeMcpServer.builder().tool(FakeTool.hugeLine("big", 1_000_000)).build();
        try (var raw = new RawStdio(FakeMcpServer.stdioCommand(scenario))) {
            raw.handshake();
            raw.send(CALL.formatted(2, "big"));
            JsonNode huge = JSON.readTree(raw.nextStdoutLine());
            assertThat(huge.path("method").asText()).isEqualTo("notifications/message");
            assertThat(huge.path("params").path("data").asText()).hasSize(1_000_000);
            assertThat(JSON.readTree(raw.nextStdoutLine()).path("id").asInt()).isEqualTo(2);
        }
    }

    @Test
    void garbageTurnsEveryLaterMessageIntoGarbage() throws Exception {
        var scenario = FakeMcpServer.builder().tool(FakeTool.echo("echo"), FakeTool.garbage("garble")).build();
        try (var raw = new RawStdio(FakeMcpServer.stdioCommand(scenario))) {
            raw.handshake();
            raw.send(CALL.formatted(2, "garble"));
            raw.send(CALL.formatted(3, "echo"));
            for (int i = 0; i < 2; i++) {
                String line = raw.nextStdoutLine();
                assertThatThrownBy(() -> JSON.readTree(line)).as(line).isNotNull();
            }
        }
    }
}
