package dev.switchboard.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RejectsInvalidUrlsTest {

    private static List<String> problemsOf(String url) {
        return Configs.problems("servers:\n  a: {url: \"" + url + "\"}\n");
    }

    @Test
    void rejectsMalformedUrls() {
        assertThat(problemsOf("https://exa mple.com/mcp")).singleElement().asString()
                .startsWith("servers.a.url: https://exa mple.com/mcp is not a valid URL: Illegal character");
        assertThat(problemsOf("example.com/mcp")).containsExactly("servers.a.url: example.com/mcp is not an http(s)"
                + " URL (expected: an http:// or https:// URL, e.g. https://host/mcp)");
        assertThat(problemsOf("https:///mcp")).containsExactly("servers.a.url: https:///mcp has no host (expected:"
                + " an http:// or https:// URL, e.g. https://host/mcp)");
        assertThat(problemsOf("http://my_service:8000/mcp")).containsExactly("servers.a.url:"
                + " http://my_service:8000/mcp has an invalid host name (expected: letters, digits, - and . only;"
                + " no _)");
    }

    @Test
    void rejectsUserInfoWithoutPrintingIt() {
        assertThat(problemsOf("https://alice:hunter22@example.com/mcp")).containsExactly("servers.a.url:"
                + " https://***@example.com/mcp has credentials in it (user:password@) (expected: no credentials in"
                + " the URL; send it as a header instead, e.g. headers: {Authorization: \"Bearer ${API_TOKEN}\"})");
    }

    @Test
    void rejectsSecretQueryParametersWithoutPrintingThem() {
        assertThat(problemsOf("https://example.com/mcp?tenant=a&api_key=k3y-val")).containsExactly("servers.a.url:"
                + " https://example.com/mcp?tenant=a&api_key=*** has a credential in query parameter api_key"
                + " (expected: no credentials in the URL; send it as a header instead, e.g. headers: {Authorization:"
                + " \"Bearer ${API_TOKEN}\"})");
        assertThat(problemsOf("https://example.com/mcp?accessToken=t0k")).singleElement().asString()
                .contains("query parameter accessToken").doesNotContain("t0k");
    }

    @Test
    void acceptsHarmlessQueryParameters() {
        assertThat(UrlRules.namesASecret("keyword")).isFalse();
        assertThat(UrlRules.namesASecret("sessionId")).isFalse();
        assertThat(UrlRules.namesASecret("X-Auth")).isTrue();
        assertThat(Configs.yaml("servers:\n  a: {url: \"https://e.example.com/mcp?keyword=x\"}\n").servers())
                .hasSize(1);
    }
}
