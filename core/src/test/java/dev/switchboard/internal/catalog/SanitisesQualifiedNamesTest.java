package dev.switchboard.internal.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Qualified names are valid for every MCP client and unique, whatever the servers call their tools: property-style
 * checks over many generated names (fixed seeds, so a failure can be replayed).
 */
class SanitisesQualifiedNamesTest {
    /** Valid characters, characters clients reject, and characters outside the BMP. */
    private static final int[] CODE_POINTS = "abcXYZ019_-./: éü漢😀$".codePoints().toArray();

    @Test
    void aValidNameIsKeptAsWritten() {
        assertThat(ToolNames.qualify("github", "__", "search_issues")).isEqualTo("github__search_issues");
        assertThat(ToolNames.qualify("a", "-", "b")).isEqualTo("a-b");
    }

    @Test
    void anInvalidNameKeepsAReadablePrefixAndGetsAStableHash() {
        String name = ToolNames.qualify("github", "__", "search.issues/v2");
        assertThat(name).matches("github__search_issues_v2-[0-9a-f]{6}");
        assertThat(ToolNames.qualify("github", "__", "search.issues/v2")).isEqualTo(name);
    }

    @Test
    void theHashIsTheDocumentedOne() {
        assertThat(ToolNames.qualify("git", "__", "log.show")).isEqualTo("git__log_show-6b827d");
    }

    @Test
    void aLongServerNameIsCutBeforeTheToolsName() {
        String server = "acme-enterprise-knowledge-base-production-eu-west-1-replica";
        String name = ToolNames.qualify(server, "__", "search_documents");
        assertThat(name).hasSize(64).matches(ToolNames.VALID).startsWith("acme-enterprise")
                .matches(".*__search_documents-[0-9a-f]{6}");
        assertThat(ToolNames.qualify(server + "-2", "__", "search_documents")).as("still unique per server")
                .isNotEqualTo(name).matches(".*__search_documents-[0-9a-f]{6}");
    }

    @Test
    void aLongNameIsCutTo64WithAHash() {
        String name = ToolNames.qualify("warehouse", "__", "x".repeat(100));
        assertThat(name).hasSize(64).startsWith("warehouse__xxx").matches(".*-[0-9a-f]{6}");
    }

    @Test
    void namesThatSanitiseAlikeStayDistinct() {
        List<ToolNames.Key> keys = List.of(new ToolNames.Key("s", "a.b"), new ToolNames.Key("s", "a/b"),
                new ToolNames.Key("s", "a b"), new ToolNames.Key("s", "a_b"));
        Map<ToolNames.Key, String> names = ToolNames.assign(keys, "__");
        assertThat(new HashSet<>(names.values())).hasSize(4);
        assertThat(names.get(new ToolNames.Key("s", "a_b"))).as("valid as written").isEqualTo("s__a_b");
    }

    @Test
    void aRealNameThatLooksLikeAShortenedOneDoesNotTakeItsPlace() {
        String shortened = ToolNames.qualify("s", "__", "a.b");
        String lookalike = shortened.substring("s__".length());
        var dotted = new ToolNames.Key("s", "a.b");
        var real = new ToolNames.Key("s", lookalike);
        Map<ToolNames.Key, String> names = ToolNames.assign(List.of(dotted, real), "__");
        assertThat(names.get(real)).as("kept as written").isEqualTo(shortened);
        assertThat(names.get(dotted)).isNotEqualTo(shortened).matches(ToolNames.VALID);
    }

    @Test
    void everyGeneratedNameIsValidUniqueAndDeterministic() {
        for (long seed = 1; seed <= 200; seed++) {
            List<ToolNames.Key> keys = generated(new Random(seed), 150);
            Map<ToolNames.Key, String> names = ToolNames.assign(keys, "__");
            assertThat(names).as("seed %d", seed).hasSize(keys.size());
            assertThat(names.values()).as("seed %d", seed).allMatch(n -> ToolNames.VALID.matcher(n).matches());
            assertThat(new HashSet<>(names.values())).as("seed %d: unique", seed).hasSize(keys.size());
            List<ToolNames.Key> reversed = new ArrayList<>(keys);
            java.util.Collections.reverse(reversed);
            assertThat(ToolNames.assign(reversed, "__")).as("seed %d: independent of order", seed)
                    .isEqualTo(names);
        }
    }

    @Test
    void manyLookalikesOfShortenedNamesAreAllSettled() {
        // Random names practically never collide on the 6-hex hash, so force clashes: tools whose real names are
        // exactly other tools' shortened names.
        Random random = new Random(42);
        List<ToolNames.Key> keys = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            String invalid = "t" + i + "." + random.nextInt(1000);
            keys.add(new ToolNames.Key("srv", invalid));
            keys.add(new ToolNames.Key("srv", ToolNames.qualify("srv", "__", invalid).substring(5)));
        }
        Map<ToolNames.Key, String> names = ToolNames.assign(keys, "__");
        Set<String> distinct = new HashSet<>(names.values());
        assertThat(distinct).hasSize(names.size());
        assertThat(distinct).allMatch(n -> ToolNames.VALID.matcher(n).matches());
    }

    private static List<ToolNames.Key> generated(Random random, int count) {
        Set<ToolNames.Key> keys = new java.util.LinkedHashSet<>();
        String[] servers = {"github", "db", "a-very-long-server-name-that-takes-most-of-the-room-000000000001", "x"};
        while (keys.size() < count) {
            int length = 1 + random.nextInt(random.nextInt(10) == 0 ? 120 : 12);
            StringBuilder tool = new StringBuilder();
            for (int i = 0; i < length; i++) {
                tool.appendCodePoint(CODE_POINTS[random.nextInt(CODE_POINTS.length)]);
            }
            keys.add(new ToolNames.Key(servers[random.nextInt(servers.length)], tool.toString()));
        }
        return List.copyOf(keys);
    }
}
