package dev.switchboard.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The code examples of a Markdown page that quote compiled source files: each block between
 * {@code <!-- snippet: file#region -->} and {@code <!-- end snippet -->} must equal the region between
 * {@code // tag::region[]} and {@code // end::region[]} of that file (its common indentation removed). A module's test
 * checks the snippets of its own files, so an example cannot drift from the code the build compiles and runs.
 */
public final class DocSnippets {
    private static final Pattern SNIPPET = Pattern.compile(
            "<!-- snippet: ([^#\\s]+)#(\\S+) -->\\n```java\\n(.*?)```\\n<!-- end snippet -->", Pattern.DOTALL);

    private DocSnippets() {
    }

    /** One quoted example: the region's name, what the page shows, and what the file holds. */
    public record Quote(String region, String quoted, String source) {
    }

    /**
     * The examples of {@code page} that quote files under {@code filePrefix} (a path from {@code root}, e.g.
     * {@code "agent/"}), by region name.
     *
     * @throws AssertionError when a quoted file has no such region
     */
    public static Map<String, Quote> quotes(Path root, String page, String filePrefix) throws IOException {
        Matcher m = SNIPPET.matcher(Files.readString(root.resolve(page)));
        Map<String, Quote> out = new LinkedHashMap<>();
        while (m.find()) {
            if (m.group(1).startsWith(filePrefix)) {
                out.put(m.group(2), new Quote(m.group(2), m.group(3), region(root.resolve(m.group(1)), m.group(2))));
            }
        }
        return out;
    }

    private static String region(Path file, String name) throws IOException {
        List<String> lines = Files.readAllLines(file);
        int start = indexOf(lines, "// tag::" + name + "[]", file);
        int end = indexOf(lines, "// end::" + name + "[]", file);
        List<String> body = lines.subList(start + 1, end);
        int indent = body.stream().filter(l -> !l.isBlank()).mapToInt(l -> l.length() - l.stripLeading().length())
                .min().orElse(0);
        StringBuilder out = new StringBuilder();
        body.forEach(l -> out.append(l.isBlank() ? "" : l.substring(indent)).append('\n'));
        return out.toString();
    }

    private static int indexOf(List<String> lines, String marker, Path file) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().equals(marker)) {
                return i;
            }
        }
        throw new AssertionError(file + " has no line " + marker);
    }
}
