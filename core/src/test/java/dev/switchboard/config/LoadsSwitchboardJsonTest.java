package dev.switchboard.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoadsSwitchboardJsonTest {

    @Test
    void readsOwnFormatWrittenAsJson() {
        SwitchboardConfig c = Configs.json("""
                {"defaults": {"connect_timeout": "5s"},
                 "logging": {"enabled": false},
                 "servers": {
                   "a": {"command": "npx", "args": ["-y", "pkg"], "priority": 7, "inherit_env": true},
                   "b": {"transport": "streamable-http", "url": "https://b.example.com/mcp"}}}
                """, Map.of());
        assertThat(c.servers()).extracting(ServerConfig::name).containsExactly("a", "b");
        assertThat(Configs.stdio(c, "a").inheritEnv()).isTrue();
        assertThat(c.servers().get(0).options().priority()).isEqualTo(7);
        assertThat(c.servers().get(1).options().connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.logging().enabled()).isFalse();
    }

    @Test
    void detectsJsonByContentWhenTheNameHasNoExtension() {
        SwitchboardConfig c = ConfigLoader.builder().environment(Map.of()).build()
                .parse("{\"servers\": {\"a\": {\"command\": \"npx\"}}}", "inline");
        assertThat(c.servers()).hasSize(1);
    }
}
