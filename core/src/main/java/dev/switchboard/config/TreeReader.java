package dev.switchboard.config;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads YAML or JSON text into a {@link Tree}, token by token.
 *
 * <p>Reading the token stream ourselves (rather than into a {@code JsonNode}) lets us report duplicate keys, which
 * Jackson silently overwrites, and resolve YAML anchors, aliases and {@code <<} merge keys, which Jackson's YAML
 * parser hands over as plain strings.
 */
final class TreeReader {
    enum Syntax { JSON, YAML }

    // JSON with comments and trailing commas: the dialect of VS Code's mcp.json.
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .build();
    // The builder starts with no YAML parser feature set, unlike new YAMLFactory(): keep `key:` reading as null.
    private static final YAMLFactory YAML = YAMLFactory.builder().loaderOptions(loaderOptions())
            .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL).build();
    private static final Pattern QUOTED = Pattern.compile("'([^']{2,})'");
    private static final Set<String> PARSER_WORDS = Set.of("null", "true", "false", "NaN");

    private final JsonParser parser;
    private final Problems problems;
    private final Map<String, Object> anchors = new HashMap<>();
    private int values;
    private int depth;

    private TreeReader(JsonParser parser, Problems problems) {
        this.parser = parser;
        this.problems = problems;
    }

    /** The document's top-level map, or empty after reporting why there is none. */
    static Optional<Map<String, Object>> readDocument(String text, String source, Syntax syntax, Problems problems) {
        try (JsonParser p = (syntax == Syntax.JSON ? JSON : YAML).createParser(text)) {
            if (p.nextToken() == null) {
                problems.errorAsWritten(source, "is empty (expected: a map with servers: at the top)");
                return Optional.empty();
            }
            Object root = new TreeReader(p, problems).value("");
            if (p.nextToken() != null) {
                problems.errorAsWritten(location(source, p.currentTokenLocation()),
                        "a second document (expected: one " + syntax + " document per file)");
            }
            if (!(root instanceof Map)) {
                problems.errorAsWritten(source,
                        "is " + Tree.describe(root) + " (expected: a map with servers: at the top)");
                return Optional.empty();
            }
            return Optional.of(Tree.asMap(root));
        } catch (JsonProcessingException e) {
            problems.errorAsWritten(location(source, e), "invalid " + syntax + ": " + reason(e));
        } catch (TooLarge e) {
            problems.errorAsWritten(source, "has more than " + Limits.VALUES
                    + " values (expected: a configuration file; are YAML aliases nested too deep?)");
        } catch (TooDeep e) {
            problems.errorAsWritten(e.path, "nests maps and lists more than " + Limits.NESTING
                    + " deep (expected: a configuration, which needs a few levels)");
        } catch (IOException e) {
            problems.errorAsWritten(source, "cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        return Optional.empty();
    }

    /** A value written as YAML ({@code false}, {@code 10}, {@code [a, b]}), or the text itself if it is not YAML. */
    static Object readValue(String text) {
        try (JsonParser p = YAML.createParser(text)) {
            if (p.nextToken() == null) {
                return null;
            }
            Object value = new TreeReader(p, new Problems()).value("");
            return p.nextToken() == null ? value : text;
        } catch (IOException | TooLarge | TooDeep e) {
            return text;
        }
    }

    private Object value(String path) throws IOException {
        if (++values > Limits.VALUES) {
            throw new TooLarge();
        }
        if (parser instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
            return alias(path, parser.getText());
        }
        Object anchor = parser.getObjectId();
        Object value = switch (parser.currentToken()) {
            case START_OBJECT -> object(path);
            case START_ARRAY -> array(path);
            case VALUE_NUMBER_INT -> parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                    ? parser.getBigIntegerValue() : (Object) parser.getLongValue();
            case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> parser.getText();
        };
        if (anchor != null) {
            anchors.put(anchor.toString(), value);
        }
        return value;
    }

    private Object alias(String path, String name) {
        if (!anchors.containsKey(name)) {
            problems.errorAsWritten(path, "alias *" + name + " refers to no anchor (expected: &" + name
                    + " on an earlier value)");
            return null;
        }
        Object value = anchors.get(name);
        values += Tree.size(value);
        if (values > Limits.VALUES) {
            throw new TooLarge();
        }
        return Tree.copy(value);
    }

    /** Reading is recursive: without a bound, deep nesting would end in a StackOverflowError. */
    private void enter(String path) {
        if (++depth > Limits.NESTING) {
            throw new TooDeep(path);
        }
    }

    private Map<String, Object> object(String path) throws IOException {
        enter(path);
        Map<String, Object> map = new LinkedHashMap<>();
        Set<String> merged = new HashSet<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            String keyPath = Tree.child(path, key);
            parser.nextToken();
            Object value = value(keyPath);
            if ("<<".equals(key) && parser instanceof YAMLParser) {
                merge(map, merged, value, keyPath);
            } else if (map.containsKey(key) && !merged.remove(key)) {
                problems.errorAsWritten(keyPath, isServerMap(path)
                        ? "duplicate server name (expected: each server once)"
                        : "duplicate key (expected: each key once)");
            } else {
                map.put(key, value);
            }
        }
        depth--;
        return map;
    }

    /** YAML merge key: the merged map's entries, unless the map sets them itself. */
    private void merge(Map<String, Object> into, Set<String> merged, Object source, String path) {
        List<?> sources = source instanceof List<?> l ? l : List.of(source == null ? Map.of() : source);
        for (Object s : sources) {
            if (!(s instanceof Map<?, ?> m)) {
                problems.errorAsWritten(path, "merges " + Tree.describe(s) + " (expected: an alias of a map)");
                continue;
            }
            m.forEach((k, v) -> {
                if (!into.containsKey((String) k)) {
                    into.put((String) k, Tree.copy(v));
                    merged.add((String) k);
                }
            });
        }
    }

    private List<Object> array(String path) throws IOException {
        enter(path);
        List<Object> list = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            list.add(value(Tree.index(path, list.size())));
        }
        depth--;
        return list;
    }

    private static boolean isServerMap(String path) {
        return path.equals("servers") || path.equals("mcpServers") || path.equals("mcp_servers");
    }

    /** SnakeYAML knows where a YAML problem is more precisely than the location Jackson derives from it. */
    private static String location(String source, JsonProcessingException e) {
        if (e.getCause() instanceof MarkedYAMLException m && m.getProblemMark() != null) {
            return source + ":" + (m.getProblemMark().getLine() + 1) + ":" + (m.getProblemMark().getColumn() + 1);
        }
        return location(source, e.getLocation());
    }

    private static String location(String source, JsonLocation loc) {
        if (loc == null || loc.getLineNr() < 1) {
            return source;
        }
        return source + ":" + loc.getLineNr() + ":" + loc.getColumnNr();
    }

    /** The parser's short reason, without the quoted source line or any quoted token that could be a secret. */
    private static String reason(JsonProcessingException e) {
        String reason = e.getCause() instanceof MarkedYAMLException m ? m.getProblem() + context(m)
                : e.getOriginalMessage();
        reason = reason.lines().findFirst().orElse("").trim();
        Matcher q = QUOTED.matcher(reason);
        StringBuilder sb = new StringBuilder();
        while (q.find()) {
            String token = PARSER_WORDS.contains(q.group(1)) ? q.group() : "'...'";
            q.appendReplacement(sb, Matcher.quoteReplacement(token));
        }
        return q.appendTail(sb).toString();
    }

    private static String context(MarkedYAMLException m) {
        if (m.getContext() == null) {
            return "";
        }
        Mark at = m.getContextMark();
        return " (" + m.getContext() + (at == null ? "" : " that starts at " + (at.getLine() + 1) + ":"
                + (at.getColumn() + 1)) + ")";
    }

    /** SnakeYAML's own limit on the text, a backstop to the loader's check of the file's size. */
    private static LoaderOptions loaderOptions() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(Limits.FILE_BYTES);
        options.setNestingDepthLimit(Limits.NESTING + 1);
        return options;
    }

    private static final class TooDeep extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient String path;

        TooDeep(String path) {
            super(null, null, false, false);
            this.path = path;
        }
    }

    private static final class TooLarge extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooLarge() {
            super(null, null, false, false);
        }
    }
}
