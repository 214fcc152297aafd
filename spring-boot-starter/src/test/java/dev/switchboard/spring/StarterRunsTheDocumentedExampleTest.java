package dev.switchboard.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.assistant.Assistant;
import dev.switchboard.Switchboard;
import dev.switchboard.config.HttpServer;
import dev.switchboard.config.ServerConfig;
import dev.switchboard.config.StdioServer;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakeTool;
import dev.switchboard.testing.RunningFakeServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * The Spring Boot section of docs/integrations.md shows exactly the YAML and the bean this test runs, so that the
 * page cannot drift from what works.
 */
class StarterRunsTheDocumentedExampleTest {
    private static final Path DOCS = Path.of(System.getProperty("starter.docs", "../docs"));
    private static final Path TEST_SOURCES = Path.of("src/test");

    @Test
    void theDocumentShowsTheTestedYamlAndBeanWordForWord() throws IOException {
        String section = springSection();
        assertThat(fencedBlock(section, "yaml"))
                .isEqualTo(Files.readString(TEST_SOURCES.resolve("resources/switchboard-example.yaml")));
        assertThat(fencedBlock(section, "java"))
                .isEqualTo(Files.readString(TEST_SOURCES.resolve("java/com/example/assistant/Assistant.java")));
    }

    @Test
    void theDocumentedYamlIsAValidConfiguration() throws IOException {
        var environment = new StandardEnvironment();
        new YamlPropertySourceLoader().load("example", new ClassPathResource("switchboard-example.yaml"))
                .forEach(environment.getPropertySources()::addFirst);

        List<ServerConfig> servers = SpringConfigSource.load(environment).config().servers();

        assertThat(servers).extracting(ServerConfig::name).containsExactly("github", "files");
        assertThat(servers.get(0)).isInstanceOfSatisfying(HttpServer.class, github -> {
            assertThat(github.options().required()).isTrue();
            assertThat(github.headers()).containsKey("Authorization");
        });
        assertThat(servers.get(1)).isInstanceOfSatisfying(StdioServer.class, files -> assertThat(files.args())
                .containsExactly("-y", "@modelcontextprotocol/server-filesystem", "/srv/shared"));
    }

    @Test
    void theDocumentedBeanCallsAToolOfARealServerThroughAChatClient() {
        try (RunningFakeServer server = FakeMcpServer.startHttp(FakeMcpServer.builder().name("issues")
                .tool(FakeTool.text("search_issues", "3 open issues")).build())) {
            StarterFixtures.runner()
                    .withPropertyValues(StarterFixtures.http("github", server))
                    .withBean(ChatModel.class, () -> new ScriptedChatModel("github__search_issues",
                            "{\"q\": \"is:open\"}"))
                    .withBean(Assistant.class)
                    .run(context -> {
                        String answer = context.getBean(Assistant.class).ask("How many issues are open?");

                        assertThat(answer).isEqualTo("The tool said: 3 open issues");
                        assertThat(server.receivedCalls()).singleElement().satisfies(call -> {
                            assertThat(call.tool()).isEqualTo("search_issues");
                            assertThat(call.arguments()).isEqualTo(Map.of("q", "is:open"));
                        });

                        // The next request sees the catalog as it is then.
                        context.getBean(Switchboard.class).disable("github");
                        assertThat(context.getBean(Assistant.class).ask("And now?"))
                                .isEqualTo("No tool github__search_issues among []");
                    });
        }
    }

    private static String springSection() throws IOException {
        String page = Files.readString(DOCS.resolve("integrations.md"));
        int start = page.indexOf("\n## Spring Boot\n");
        assertThat(start).as("docs/integrations.md has a ## Spring Boot section").isNotNegative();
        int end = page.indexOf("\n## ", start + 1);
        return end < 0 ? page.substring(start) : page.substring(start, end);
    }

    /** The first fenced block of {@code language} in the text, with its final newline. */
    private static String fencedBlock(String text, String language) {
        Matcher m = Pattern.compile("```" + language + "\n(.*?)```", Pattern.DOTALL).matcher(text);
        assertThat(m.find()).as("a ```" + language + " block").isTrue();
        return m.group(1);
    }
}
