package dev.switchboard.internal.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class StdioLineReaderTest {

    @Test
    void splitsOnNewlinesAndStripsCarriageReturns() throws IOException {
        var reader = new StdioLineReader(new StringReader("a\r\nbb\n\nlast"), 100);

        assertThat(reader.readLine()).isEqualTo("a");
        assertThat(reader.readLine()).isEqualTo("bb");
        assertThat(reader.readLine()).isEmpty();
        assertThat(reader.readLine()).isEqualTo("last");
        assertThat(reader.readLine()).isNull();
    }

    @Test
    void cutsAnOverlongLineAndGoesOnWithTheNextOne() throws IOException {
        String longLine = "x".repeat(20_000);
        var reader = new StdioLineReader(new StringReader(longLine + "\nnext\n"), 10);

        assertThat(reader.readLine()).isEqualTo("xxxxxxxxxx");
        assertThat(reader.lastLineTruncated()).isTrue();
        assertThat(reader.readLine()).isEqualTo("next");
        assertThat(reader.lastLineTruncated()).isFalse();
        assertThat(reader.readLine()).isNull();
    }

    @Test
    void aLineOfExactlyTheLimitEndedByCrLfIsWhole() throws IOException {
        // Found by ReadsAnyServerOutputFuzzTest: the \r took the last place and the line was reported cut.
        var reader = new StdioLineReader(new StringReader("abcd\r\nabc\rdef\n"), 4);

        assertThat(reader.readLine()).isEqualTo("abcd");
        assertThat(reader.lastLineTruncated()).isFalse();
        assertThat(reader.readLine()).isEqualTo("abc\r");
        assertThat(reader.lastLineTruncated()).isTrue();
    }
}
