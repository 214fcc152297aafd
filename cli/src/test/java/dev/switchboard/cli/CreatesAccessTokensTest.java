package dev.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.config.TokenHash;
import org.junit.jupiter.api.Test;

/**
 * {@code switchboard token create NAME}: a new token and its hash as exactly two lines on stdout, the hash verifies
 * that token (and is no token itself), the token is printed nowhere else, and a bad name is a usage error.
 */
class CreatesAccessTokensTest {
    @Test
    void printsTheTokenOnceAndAHashThatVerifiesIt() {
        Cli.Result r = Cli.run("token", "create", "ci-bot");

        assertThat(r.exitCode()).isZero();
        String[] lines = r.out().split("\\R");
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).startsWith("token: ");
        assertThat(lines[1]).startsWith("hash: ");
        String token = lines[0].substring("token: ".length());
        TokenHash hash = TokenHash.parse(lines[1].substring("hash: ".length()));
        assertThat(hash.matches(token)).isTrue();
        assertThat(hash.iterations()).isEqualTo(TokenHash.ITERATIONS);
        assertThat(hash.encoded()).doesNotContain(token.substring(token.indexOf('.') + 1));
        assertThat((r.out() + r.err()).split(java.util.regex.Pattern.quote(token), -1)).hasSize(2); // once
        assertThat(r.err()).contains("shown only now", "{name: ci-bot, hash: \"<the hash above>\"}");
    }

    @Test
    void everyTokenIsNew() {
        String first = Cli.run("token", "create", "a").out();
        String second = Cli.run("token", "create", "a").out();

        assertThat(first.lines().findFirst()).isNotEqualTo(second.lines().findFirst());
    }

    @Test
    void aNameThatLogsCouldNotShowIsAUsageError() {
        Cli.Result r = Cli.run("token", "create", "ci bot");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("'ci bot' is not a token name (expected: letters, digits");
    }
}
