package dev.switchboard.internal.resources;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.spec.McpSchema;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Text is cut in UTF-8 bytes without splitting a character; blobs are cut as decoded bytes and re-encoded. */
class TruncatesContentsToTheSizeLimitTest {

    @Test
    void contentsWithinTheLimitAreKeptAsTheyAre() {
        var text = new McpSchema.TextResourceContents("u://t", "text/plain", "héllo");
        Truncation.Limited l = Truncation.limit(List.of(text), 6);

        assertThat(l.truncated()).isFalse();
        assertThat(l.contents()).containsExactly(text);
        assertThat(l.size()).isEqualTo(6);
    }

    @Test
    void textIsCutAtACharacterBoundary() {
        // "é" is 2 bytes and the emoji 4: a limit of 4 keeps "aé" (3 bytes), not half the emoji.
        var text = new McpSchema.TextResourceContents("u://t", "text/plain", "aé😀b");
        Truncation.Limited l = Truncation.limit(List.of(text), 4);

        assertThat(l.truncated()).isTrue();
        assertThat(l.size()).isEqualTo(8);
        assertThat(((McpSchema.TextResourceContents) l.contents().get(0)).text()).isEqualTo("aé");
        assertThat(l.kept()).isEqualTo(3);
    }

    @Test
    void aBlobIsCutAsBytesAndReEncoded() {
        byte[] bytes = new byte[10];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (200 + i);
        }
        var blob = new McpSchema.BlobResourceContents("u://b", "image/png", Base64.getEncoder().encodeToString(bytes));
        Truncation.Limited l = Truncation.limit(List.of(blob), 4);

        var cut = (McpSchema.BlobResourceContents) l.contents().get(0);
        assertThat(Base64.getDecoder().decode(cut.blob())).containsExactly(200 - 256, 201 - 256, 202 - 256,
                203 - 256);
        assertThat(cut.mimeType()).isEqualTo("image/png");
        assertThat(l.size()).isEqualTo(10);
        assertThat(l.truncated()).isTrue();
    }

    @Test
    void theLimitSpansEveryContentOfOneResource() {
        var first = new McpSchema.TextResourceContents("u://1", null, "12345");
        var second = new McpSchema.TextResourceContents("u://2", null, "67890");
        var third = new McpSchema.TextResourceContents("u://3", null, "abc");
        Truncation.Limited l = Truncation.limit(List.of(first, second, third), 7);

        assertThat(l.contents()).hasSize(2);
        assertThat(((McpSchema.TextResourceContents) l.contents().get(1)).text()).isEqualTo("67");
        assertThat(l.size()).isEqualTo(13);
    }

    @Test
    void blobSizeIsMeasuredWithoutDecodingUnlessTheEncodingIsUnusual() {
        byte[] bytes = "hello world!!".getBytes(StandardCharsets.US_ASCII);
        String encoded = Base64.getEncoder().encodeToString(bytes);
        assertThat(Truncation.decodedLength(encoded)).isEqualTo(bytes.length);
        assertThat(Truncation.decodedLength(Base64.getMimeEncoder(4, "\n".getBytes()).encodeToString(bytes)))
                .isEqualTo(bytes.length);
        assertThat(Truncation.decodedLength("")).isZero();
    }
}
