package dev.switchboard.internal.resources;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A bare URI that no server lists is routed by the RFC 6570 templates the servers offer. */
class MatchesUriTemplatesTest {

    @Test
    void simpleExpressionsMatchOneSegment() {
        assertThat(ResourceReader.matches("demo://resource/dynamic/blob/{id}", "demo://resource/dynamic/blob/7"))
                .isTrue();
        assertThat(ResourceReader.matches("demo://resource/dynamic/blob/{id}", "demo://resource/dynamic/blob/7/x"))
                .isFalse();
        assertThat(ResourceReader.matches("demo://resource/dynamic/blob/{id}", "demo://resource/dynamic/text/7"))
                .isFalse();
    }

    @Test
    void reservedExpressionsMatchPathsAndQueriesAreOptional() {
        assertThat(ResourceReader.matches("file:///{+path}", "file:///etc/hosts")).isTrue();
        assertThat(ResourceReader.matches("search://items{?q,limit}", "search://items?q=tea&limit=3")).isTrue();
        assertThat(ResourceReader.matches("search://items{?q,limit}", "search://items")).isTrue();
        assertThat(ResourceReader.matches("a.b://{x}", "aXb://1")).as("literal parts are quoted").isFalse();
    }
}
