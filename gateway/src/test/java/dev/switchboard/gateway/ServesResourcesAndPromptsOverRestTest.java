package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.testing.FakeMcpServer;
import dev.switchboard.testing.FakePrompt;
import dev.switchboard.testing.FakeResource;
import dev.switchboard.testing.FakeResourceTemplate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Resources and prompts over REST: listing, reading one (by URI, by {@code <server>+<uri>}, by template), gathering
 * everything fail-fast or best-effort next to a server that is down, resolving an entity to its authority, and
 * prompts listed and got under the library's names; unknown and ambiguous names are 404 and 409 problems.
 */
class ServesResourcesAndPromptsOverRestTest {
    private static Fixture fixture;
    private static RestClient rest;

    @BeforeAll
    static void start() {
        fixture = Fixture.start(List.of(
                Fixture.stdio("alpha", FakeMcpServer.builder()
                        .resource(FakeResource.text("mem://shared", "shared", "text/plain", "from alpha"),
                                FakeResource.text("mem://notes", "notes", "text/plain", "remember"))
                        .resourceTemplate(FakeResourceTemplate.of("mem://items/{id}", "item", "text/plain",
                                "item {id}"))
                        .prompt(FakePrompt.of("greet", "Greets", List.of("who"), "Hello {{who}}!"),
                                FakePrompt.of("summarize", "Summarizes", List.of(), "Summarize this."))
                        .build()),
                Fixture.stdio("beta", FakeMcpServer.builder()
                        .resource(FakeResource.text("mem://shared", "shared", "text/plain", "from beta"))
                        .prompt(FakePrompt.of("greet", "Greets too", List.of(), "Hi!")).build()),
                Fixture.stdio("ghost", List.of("/nonexistent/switchboard-test-server"))));
        rest = new RestClient(fixture.url());
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void listsEveryResourceWithTheUriThatReadsItFromItsServer() {
        JsonNode all = ok(rest.get("/api/v1/resources")).path("resources");
        JsonNode beta = ok(rest.get("/api/v1/resources?server=beta")).path("resources");

        assertThat(RestClient.each(all, "qualifiedUri")).containsExactlyInAnyOrder("alpha+mem://shared",
                "alpha+mem://notes", "beta+mem://shared");
        assertThat(RestClient.each(beta, "qualifiedUri")).containsExactly("beta+mem://shared");
        assertThat(beta.get(0).path("definition").path("uri").asText()).isEqualTo("mem://shared");
    }

    @Test
    void readsOneResourceByUriQualifiedUriOrTemplate() {
        JsonNode notes = ok(rest.get("/api/v1/resources/read?uri=mem://notes"));
        JsonNode shared = ok(rest.get("/api/v1/resources/read?uri=beta%2Bmem://shared"));
        JsonNode item = ok(rest.get("/api/v1/resources/read?uri=mem://items/42"));

        assertThat(notes.path("server").asText()).isEqualTo("alpha");
        assertThat(notes.path("contents").get(0).path("text").asText()).isEqualTo("remember");
        assertThat(notes.path("truncated").asBoolean()).isFalse();
        assertThat(shared.path("contents").get(0).path("text").asText()).isEqualTo("from beta");
        assertThat(item.path("contents").get(0).path("text").asText()).isEqualTo("item 42");
    }

    @Test
    void anAmbiguousUnknownOrMissingUriIsAProblem() {
        RestClient.Answer ambiguous = rest.get("/api/v1/resources/read?uri=mem://shared");
        RestClient.Answer unknown = rest.get("/api/v1/resources/read?uri=other://nothing");
        RestClient.Answer missing = rest.get("/api/v1/resources/read");

        assertThat(ambiguous.status()).isEqualTo(409);
        assertThat(ambiguous.json().path("code").asText()).isEqualTo("AMBIGUOUS_RESOURCE");
        assertThat(ambiguous.json().path("detail").asText()).contains("alpha+mem://shared", "beta+mem://shared");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().path("code").asText()).isEqualTo("UNKNOWN_RESOURCE");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().path("detail").asText()).contains("'uri' is required");
    }

    @Test
    void listsTheServersResourceTemplates() {
        JsonNode templates = ok(rest.get("/api/v1/resources/templates")).path("templates");

        assertThat(RestClient.each(templates, "server")).containsExactly("alpha");
        assertThat(templates.get(0).path("definition").path("uriTemplate").asText()).isEqualTo("mem://items/{id}");
    }

    @Test
    void bestEffortGathersTheOthersNextToTheServerThatIsDown() {
        JsonNode g = ok(rest.post("/api/v1/resources/gather", "{\"policy\": \"best-effort\", \"timeout\": \"20s\"}"));

        assertThat(g.path("policy").asText()).isEqualTo("best-effort");
        assertThat(g.path("complete").asBoolean()).isFalse();
        assertThat(RestClient.each(g.path("servers"), "server")).containsExactlyInAnyOrder("alpha", "beta");
        assertThat(RestClient.each(g.path("failures"), "server")).containsExactly("ghost");
        JsonNode alpha = g.path("servers").get(0);
        assertThat(RestClient.each(alpha.path("resources"), "uri")).containsExactlyInAnyOrder("mem://shared",
                "mem://notes");
        assertThat(alpha.path("resources").get(0).path("contents").get(0).path("text").asText()).isNotBlank();
    }

    @Test
    void failFastFailsBecauseOfTheServerThatIsDown() {
        RestClient.Answer a = rest.post("/api/v1/resources/gather", "{\"policy\": \"fail-fast\"}");

        assertThat(a.status()).as(a.body()).isGreaterThanOrEqualTo(500);
        assertThat(a.json().path("detail").asText()).contains("ghost", "fail-fast");
    }

    @Test
    void resolvesAnEntityToTheServerThatIsItsAuthority() {
        JsonNode found = ok(rest.get("/api/v1/resolve?entity=notes"));
        JsonNode none = ok(rest.get("/api/v1/resolve?entity=zzzzqqq"));

        assertThat(found.path("found").asBoolean()).isTrue();
        assertThat(found.path("candidates").get(0).path("server").asText()).isEqualTo("alpha");
        assertThat(found.path("candidates").get(0).path("match").asText()).isEqualTo("EXACT");
        assertThat(found.path("candidates").get(0).path("qualifiedUri").asText()).isEqualTo("alpha+mem://notes");
        assertThat(none.path("found").asBoolean()).isFalse();
        assertThat(rest.get("/api/v1/resolve").status()).isEqualTo(400);
    }

    @Test
    void listsAndGetsPromptsByTheLibrarysNames() {
        JsonNode prompts = ok(rest.get("/api/v1/prompts")).path("prompts");
        JsonNode got = ok(rest.post("/api/v1/prompts/get", "{\"name\": \"alpha__greet\", \"arguments\":"
                + " {\"who\": \"Ada\"}}"));

        assertThat(RestClient.each(prompts, "name")).containsExactlyInAnyOrder("alpha__greet", "summarize",
                "beta__greet");
        assertThat(got.path("server").asText()).isEqualTo("alpha");
        assertThat(got.path("result").path("messages").get(0).path("content").path("text").asText())
                .isEqualTo("Hello Ada!");
    }

    @Test
    void anUnknownPromptIs404AndANonTextArgumentIs400() {
        RestClient.Answer unknown = rest.post("/api/v1/prompts/get", "{\"name\": \"nothing\"}");
        RestClient.Answer number = rest.post("/api/v1/prompts/get", "{\"name\": \"alpha__greet\", \"arguments\":"
                + " {\"who\": 1}}");

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().path("code").asText()).isEqualTo("UNKNOWN_PROMPT");
        assertThat(number.status()).isEqualTo(400);
        assertThat(number.json().path("detail").asText()).contains("body.arguments.who must be a string");
    }

    private static JsonNode ok(RestClient.Answer a) {
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        return a.json();
    }
}
