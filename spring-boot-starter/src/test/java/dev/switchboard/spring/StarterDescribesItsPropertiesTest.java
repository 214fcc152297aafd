package dev.switchboard.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The configuration metadata (IDE completion) describes every setting of the starter itself. */
class StarterDescribesItsPropertiesTest {

    @Test
    void everyStarterSettingHasMetadata() throws IOException {
        JsonNode metadata;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            metadata = new ObjectMapper().readTree(in);
        }
        List<String> names = new ArrayList<>();
        metadata.get("properties").forEach(p -> names.add(p.get("name").asText()));
        assertThat(names).contains("switchboard." + SpringConfigSource.CONFIG_FILE,
                "switchboard." + SpringConfigSource.FAIL_ON_REQUIRED, "switchboard.enabled");
        assertThat(names.stream().map(n -> SpringConfigSource.canonical(n.substring(n.lastIndexOf('.') + 1))))
                .containsAll(SpringConfigSource.STARTER_KEYS);
    }
}
