package dev.switchboard.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import picocli.CommandLine.TypeConversionException;

/** The one JSON mapper of the CLI: MCP records written as the protocol writes them, indented like jq does. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .registerModule(timeModule());

    // Jackson's default pretty printer writes "key" : value and [ {; people and diffs are used to jq's layout.
    private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter(Separators.createDefaultInstance()
            .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
            .withObjectEmptySeparator("").withArrayEmptySeparator(""))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"));

    private Json() {
    }

    /** Durations as whole milliseconds and instants as ISO-8601 text, everywhere the CLI prints JSON. */
    private static SimpleModule timeModule() {
        return new SimpleModule("switchboard-time")
                .addSerializer(Duration.class, new StdSerializer<>(Duration.class) {
                    @Override
                    public void serialize(Duration d, JsonGenerator g, SerializerProvider p) throws IOException {
                        g.writeNumber(d.toMillis());
                    }
                })
                .addSerializer(Instant.class, new StdSerializer<>(Instant.class) {
                    @Override
                    public void serialize(Instant i, JsonGenerator g, SerializerProvider p) throws IOException {
                        g.writeString(i.toString());
                    }
                });
    }

    /** The value as indented JSON. */
    static String write(Object value) {
        try {
            return MAPPER.writer(PRETTY).writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /**
     * Parses JSON text given by the user; a syntax error becomes a usage error naming {@code source}, the line and
     * column, and what was {@code expected}.
     */
    static JsonNode readTree(String json, String source, String expected) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            String message = e.getOriginalMessage();
            int cut = message.indexOf(" (start marker at");
            String reason = (cut < 0 ? message : message.substring(0, cut)).lines().findFirst().orElse(message);
            throw new TypeConversionException(source + " is not valid JSON" + (at == null ? "" : " (line "
                    + at.getLineNr() + ", column " + at.getColumnNr() + ")") + ": " + reason + " (" + expected + ")");
        }
    }

    /** A file the user named; a missing or unreadable one is a usage error. */
    static String readFile(Path file) {
        try {
            return Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new TypeConversionException("file " + file + " not found (expected: the path of a JSON file)");
        } catch (IOException e) {
            throw new TypeConversionException("cannot read " + file + ": " + e.getClass().getSimpleName());
        }
    }
}
