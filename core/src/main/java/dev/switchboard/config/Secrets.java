package dev.switchboard.config;

import dev.switchboard.internal.observe.Redactor;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The secret values of a configuration, and what masks them in text: Switchboard prints none of them, in logs,
 * messages or the CLI's output. Tool results, resource contents and prompts are never masked: they reach the caller
 * exactly as the server sent them.
 *
 * <p>Values shorter than 4 characters, numbers and booleans are not kept: masking {@code 1} or {@code true}
 * wherever it appears would blank out every message without protecting anything. Immutable; masking is cheap (the
 * values are ordered once, longest first, when the set is made).
 */
public final class Secrets {
    /** What a secret is replaced with. */
    public static final String MASK = Redactor.MASK;
    /** No values: {@link #mask} still masks URL credentials and sensitive query values. */
    public static final Secrets NONE = new Secrets(List.of());

    private static final int MIN_LENGTH = 4;
    private static final Pattern NOT_A_SECRET = Pattern.compile("(?i)true|false|yes|no|on|off|[-+]?\\d+(\\.\\d+)?");

    /** Longest first, so that a secret containing another is masked whole. */
    private final List<String> values;

    private Secrets(Collection<String> values) {
        Set<String> kept = new LinkedHashSet<>();
        for (String v : values) {
            String t = v == null ? "" : v.trim();
            if (t.length() >= MIN_LENGTH && !NOT_A_SECRET.matcher(t).matches()) {
                kept.add(t);
            }
        }
        this.values = kept.stream().sorted(Comparator.comparingInt(String::length).reversed()
                .thenComparing(Comparator.naturalOrder())).toList();
    }

    /** These values as secrets (see the class description for the ones left out). */
    public static Secrets of(Collection<String> values) {
        return values.isEmpty() ? NONE : new Secrets(values);
    }

    /** These secrets and {@code more}. */
    public Secrets and(Collection<String> more) {
        if (more.isEmpty()) {
            return this;
        }
        Set<String> all = new LinkedHashSet<>(values);
        all.addAll(more);
        return new Secrets(all);
    }

    /** These secrets and {@code more}. */
    public Secrets and(Secrets more) {
        return and(more.values);
    }

    /** How many values are kept. */
    public int size() {
        return values.size();
    }

    /** Whether {@code value} is one of the secrets. */
    public boolean contains(String value) {
        return value != null && values.contains(value.trim());
    }

    /**
     * The text with every secret replaced by {@link #MASK}, and in every URL it quotes the user-info and the values
     * of sensitive query parameters ({@code token=}, {@code key=}, ...) masked; so is every gateway access token
     * ({@code sbt_...}), known or not, wherever it appears (a library's debug log of request headers, say).
     */
    public String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = TokenHash.maskTokensIn(text);
        for (String secret : values) {
            if (out.contains(secret)) {
                out = out.replace(secret, MASK);
            }
        }
        return Redactor.maskUrlsIn(out);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secrets s && s.values.equals(values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(values);
    }

    /** Says how many values there are, never which. */
    @Override
    public String toString() {
        return "Secrets[" + values.size() + " values]";
    }
}
