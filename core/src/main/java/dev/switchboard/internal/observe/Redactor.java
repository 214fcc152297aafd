package dev.switchboard.internal.observe;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps secrets out of everything Switchboard prints: logs, CLI output, exception messages and {@code toString()}.
 *
 * <p>Two mechanisms work together. Values whose <em>name</em> marks them as secret (an {@code Authorization}
 * header, a {@code token=} query parameter, an environment value) are masked where they are formatted. And every
 * secret value a configuration carries is {@linkplain #remember remembered}, so that it is also scrubbed from free
 * text that happens to quote it, such as a server's error message or a stack trace.
 */
public final class Redactor {
    /** What a secret is replaced with. */
    public static final String MASK = "***";

    private static final int MIN_REMEMBERED_LENGTH = 4;
    private static final int MIN_LENGTH_UNLESS_NAMED = 8;
    private static final Pattern AUTH_SCHEME = Pattern.compile("(?i)(?:bearer|basic|token|digest|apikey)\\s+(\\S.*)");
    private static final Pattern AUTH_SCHEME_ONLY = Pattern.compile("(?i)(?:bearer|basic|token|digest|apikey)?");
    private static final Pattern NOT_A_SECRET =
            Pattern.compile("(?i)true|false|yes|no|on|off|[-+]?\\d+(\\.\\d+)?");
    private static final Set<String> REMEMBERED = ConcurrentHashMap.newKeySet();
    private static final Pattern SENSITIVE_NAME = Pattern.compile(
            "(?i).*(authorization|cookie|token|secret|passw|pwd|api[-_]?key|apikey|access[-_]?key|private[-_]?key"
                    + "|credential|session|signature|^sig$|^key$|^auth$|x-api).*");
    private static final Pattern QUERY_PARAM = Pattern.compile("([?&])([^=&#]+)=([^&#]*)");
    private static final Pattern USER_INFO = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*://)[^/@?#]*@");
    private static final Pattern FLAG_WITH_VALUE = Pattern.compile("^(--?[^=]+)=(.*)$");

    private Redactor() {
    }

    /** Whether a header, variable, parameter or flag of this name holds a secret. */
    public static boolean isSensitiveName(String name) {
        return name != null && SENSITIVE_NAME.matcher(name).matches();
    }

    /**
     * Remembers the secret values among named ones (environment variables, headers): every value under a
     * secret-looking name, and any other value long and specific enough to be a credential. Plain values such as
     * {@code true} or {@code 8080} are left alone: masking them would blank them out of every log line.
     */
    public static void rememberNamed(Map<String, String> namedValues) {
        List<String> secrets = new ArrayList<>();
        namedValues.forEach((name, value) -> {
            String v = value == null ? "" : value.trim();
            if (isSensitiveName(name)
                    || v.length() >= MIN_LENGTH_UNLESS_NAMED && !NOT_A_SECRET.matcher(v).matches()) {
                secrets.add(v);
                // "Bearer abc": the credential alone is the secret; the scheme word is not.
                Matcher scheme = AUTH_SCHEME.matcher(v);
                if (scheme.matches()) {
                    secrets.add(scheme.group(1));
                }
            }
        });
        remember(secrets.stream().filter(s -> !AUTH_SCHEME_ONLY.matcher(s).matches()).toList());
    }

    /** Remembers secret values so that {@link #scrub} removes them from any text. */
    public static void remember(Collection<String> secrets) {
        for (String s : secrets) {
            if (s != null && s.length() >= MIN_REMEMBERED_LENGTH) {
                REMEMBERED.add(s);
            }
        }
    }

    /** The text with every remembered secret, URL credential and sensitive query value masked. */
    public static String scrub(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        if (!REMEMBERED.isEmpty()) {
            List<String> longestFirst = new ArrayList<>(REMEMBERED);
            longestFirst.sort(Comparator.comparingInt(String::length).reversed());
            for (String secret : longestFirst) {
                if (out.contains(secret)) {
                    out = out.replace(secret, MASK);
                }
            }
        }
        return maskUrlsIn(out);
    }

    /** A URL without user-info and with the values of sensitive query parameters masked. */
    public static String url(String url) {
        if (url == null) {
            return null;
        }
        String out = USER_INFO.matcher(url).replaceFirst("$1" + MASK + "@");
        Matcher m = QUERY_PARAM.matcher(out);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String value = isSensitiveName(m.group(2)) ? MASK : m.group(3);
            m.appendReplacement(sb, Matcher.quoteReplacement(m.group(1) + m.group(2) + "=" + value));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** The map's keys with every value masked (for environment variables and headers). */
    public static Map<String, String> valuesOf(Map<String, String> map) {
        Map<String, String> out = new TreeMap<>();
        map.keySet().forEach(k -> out.put(k, MASK));
        return out;
    }

    /** Header values masked where the header's name marks it as secret. */
    public static Map<String, String> headers(Map<String, String> headers) {
        Map<String, String> out = new LinkedHashMap<>();
        headers.forEach((k, v) -> out.put(k, isSensitiveName(k) ? MASK : scrub(v)));
        return out;
    }

    /** Command-line arguments with the values of secret-looking flags masked. */
    public static List<String> args(List<String> args) {
        List<String> out = new ArrayList<>(args.size());
        boolean maskNext = false;
        for (String arg : args) {
            if (maskNext) {
                out.add(MASK);
                maskNext = false;
                continue;
            }
            Matcher flag = FLAG_WITH_VALUE.matcher(arg);
            if (flag.matches() && isSensitiveName(flag.group(1))) {
                out.add(flag.group(1) + "=" + MASK);
            } else if (arg.startsWith("-") && isSensitiveName(arg)) {
                out.add(arg);
                maskNext = true;
            } else {
                out.add(scrub(arg));
            }
        }
        return out;
    }

    private static final Pattern URL_IN_TEXT = Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]*://[^\\s\"'<>]+");

    private static String maskUrlsIn(String text) {
        if (!text.contains("://")) {
            return text;
        }
        Matcher m = URL_IN_TEXT.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(url(m.group())));
        }
        m.appendTail(sb);
        return sb.toString();
    }

}
