package dev.switchboard.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * {@link TokenHash}: a token is random, its hash is PBKDF2 with a salt of its own, verifies that token only, and is
 * never shown by {@code toString}.
 */
class StoresTokensOnlyAsSlowSaltedHashesTest {
    @Test
    void aNewTokenMatchesItsHashAndNoOtherToken() {
        TokenHash.NewToken a = TokenHash.newToken(TokenHash.MIN_ITERATIONS);
        TokenHash.NewToken b = TokenHash.newToken(TokenHash.MIN_ITERATIONS);

        assertThat(a.token()).matches("sbt_[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}").isNotEqualTo(b.token());
        assertThat(a.hash().matches(a.token())).isTrue();
        assertThat(a.hash().matches(b.token())).isFalse();
        assertThat(a.hash().matches(a.token() + "x")).isFalse();
        assertThat(TokenHash.parse(a.hash().encoded())).isEqualTo(a.hash());
        assertThat(TokenHash.parse(a.hash().encoded()).matches(a.token())).isTrue();
        assertThat(TokenHash.selectorOf(a.token())).isEqualTo(a.hash().selector());
        assertThat(TokenHash.selectorOf("Bearer nonsense")).isNull();
    }

    @Test
    void theHashIsSaltedSlowAndWrittenWithItsParameters() {
        TokenHash.NewToken t = TokenHash.newToken(TokenHash.MIN_ITERATIONS);

        assertThat(t.hash().encoded()).matches("pbkdf2-sha256\\$10000\\$[A-Za-z0-9_-]{22}\\$[A-Za-z0-9_-]{43}")
                .doesNotContain(t.token().substring(27));
        assertThat(TokenHash.ITERATIONS).isEqualTo(600_000);
        assertThat(t.hash().toString()).isEqualTo("TokenHash[pbkdf2-sha256, 10000 iterations]");
        assertThat(t.toString()).doesNotContain(t.token()).doesNotContain(t.hash().encoded());
    }

    @Test
    void aTokenIsMaskedWhereverItIsPrintedEvenUnknown() {
        TokenHash.NewToken t = TokenHash.newToken(TokenHash.MIN_ITERATIONS);

        assertThat(Secrets.NONE.mask("Authorization: Bearer " + t.token() + ", next"))
                .isEqualTo("Authorization: Bearer " + Secrets.MASK + ", next");
    }

    @Test
    void refusesHashesItCannotTrust() {
        String salt = "A".repeat(22);
        String hash = "B".repeat(43);
        assertThatThrownBy(() -> TokenHash.parse("pbkdf2-sha256$1000$" + salt + "$" + hash))
                .hasMessage("has 1000 iterations (expected: 10000 to 10000000; switchboard token create uses"
                        + " 600000)");
        assertThatThrownBy(() -> TokenHash.parse("sha256$" + hash)).hasMessage("is not a token hash (expected:"
                + " pbkdf2-sha256$<iterations>$<salt>$<hash>, as printed by switchboard token create)");
        assertThatThrownBy(() -> TokenHash.newToken(10)).isInstanceOf(IllegalArgumentException.class);
    }
}
