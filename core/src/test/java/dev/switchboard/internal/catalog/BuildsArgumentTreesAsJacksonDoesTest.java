package dev.switchboard.internal.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The validator's own tree of plain arguments is the one Jackson's {@code valueToTree} makes, node type for node
 * type; arguments with anything else in them are not plain, and go through Jackson as before.
 */
class BuildsArgumentTreesAsJacksonDoesTest {
    private final ObjectMapper mapper = new ObjectMapper();

    record Point(int x, String label) {
    }

    enum Colour { RED }

    private void sameAsJackson(Object value) {
        assertThat(JsonTree.isPlain(value)).isTrue();
        JsonNode expected = mapper.valueToTree(value);
        JsonNode actual = JsonTree.of(value);
        assertThat(actual).isEqualTo(expected);
        assertThat(types(actual)).isEqualTo(types(expected));
    }

    /** The node types of a tree, depth first: equal trees may still differ in them (an int and a long). */
    private static List<String> types(JsonNode node) {
        List<String> out = new ArrayList<>();
        out.add(node.getClass().getSimpleName());
        node.forEach(child -> out.addAll(types(child)));
        return out;
    }

    @Test
    void plainJsonValuesGiveTheSameTree() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("none", null);
        nested.put("list", List.of(1, 2L, 3.5, "x", true));
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("s", "text");
        args.put("i", 42);
        args.put("l", 1L << 40);
        args.put("d", 0.1);
        args.put("b", false);
        args.put("nested", nested);
        args.put("set", new LinkedHashSet<>(List.of("a", "b")));
        args.put("empty", Map.of());
        sameAsJackson(args);
        sameAsJackson(Map.of());
        sameAsJackson(new HashMap<>(Map.of("k", List.of())));
    }

    @Test
    void anythingElseIsNotPlainAndGoesThroughTheMapper() {
        for (Object other : List.of(1.5f, (short) 3, (byte) 4, new BigInteger("12345678901234567890"),
                new BigDecimal("1.10"), new Point(1, "p"), Colour.RED, new int[] {1, 2}, 'c', Map.of(1, "one"),
                Arrays.asList("a", new Point(2, "q")), new Object())) {
            assertThat(JsonTree.isPlain(Map.of("x", other))).as(other.getClass().getName()).isFalse();
        }
        Map<String, Object> loop = new HashMap<>();
        loop.put("self", loop);
        assertThat(JsonTree.isPlain(loop)).as("a map that contains itself").isFalse();
    }
}
