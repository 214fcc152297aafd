package dev.switchboard.internal.observe;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules by which a value is secret because of its name or its place, and the masking that follows from them:
 * an {@code Authorization} header, a {@code token=} query parameter, a {@code --api-key} flag, a URL's user-info.
 * Stateless; the values a configuration marks as secret are in {@code config.Secrets}.
 */
public final class Redactor {
    /** What a secret is replaced with. */
    public static final String MASK = "***";

    private static final Pattern AUTH_SCHEME = Pattern.compile("(?i)(?:bearer|basic|token|digest|apikey)\\s+(\\S.*)");
    private static final Pattern SENSITIVE_NAME = Pattern.compile(
            "(?i).*(authorization|cookie|token|secret|passw|pwd|api[-_]?key|apikey|access[-_]?key|private[-_]?key"
                    + "|credential|session|signature|^sig$|^key$|^auth$|x-api).*");
    private static final Pattern QUERY_PARAM = Pattern.compile("([?&])([^=&#]+)=([^&#]*)");
    private static final Pattern USER_INFO = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*://)([^/@?#]*)@");
    private static final Pattern FLAG_WITH_VALUE = Pattern.compile("^(--?[^=]+)=(.*)$");
    private static final Pattern URL_IN_TEXT = Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]*://[^\\s\"'<>]+");

    private Redactor() {
    }

    /** Whether a header, variable, parameter or flag of this name holds a secret. */
    public static boolean isSensitiveName(String name) {
        return name != null && SENSITIVE_NAME.matcher(name).matches();
    }

    /** The secret values among named ones (headers, environment variables): those under a sensitive name. */
    public static List<String> namedSecrets(Map<String, String> namedValues) {
        List<String> out = new ArrayList<>();
        namedValues.forEach((name, value) -> {
            if (isSensitiveName(name) && value != null) {
                out.add(value);
                Matcher scheme = AUTH_SCHEME.matcher(value.trim());
                if (scheme.matches()) {
                    out.add(scheme.group(1)); // "Bearer abc": the credential alone is secret too
                }
            }
        });
        return out;
    }

    /** The secret values in a URL: its user-info (and the password alone) and sensitive query values. */
    public static List<String> urlSecrets(String url) {
        List<String> out = new ArrayList<>();
        Matcher info = USER_INFO.matcher(url);
        if (info.find()) {
            String userInfo = info.group(2);
            out.add(userInfo);
            int colon = userInfo.indexOf(':');
            if (colon >= 0) {
                out.add(userInfo.substring(colon + 1));
            }
        }
        Matcher q = QUERY_PARAM.matcher(url);
        while (q.find()) {
            if (isSensitiveName(q.group(2))) {
                out.add(q.group(3));
            }
        }
        return out;
    }

    /** The values of secret-looking flags among command-line arguments ({@code --token=x}, {@code --token x}). */
    public static List<String> flagSecrets(List<String> args) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            Matcher flag = FLAG_WITH_VALUE.matcher(arg);
            if (flag.matches() && isSensitiveName(flag.group(1))) {
                out.add(flag.group(2));
            } else if (arg.startsWith("-") && isSensitiveName(arg) && i + 1 < args.size()) {
                out.add(args.get(i + 1));
            }
        }
        return out;
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

    /** The map's keys with every value masked (for environment variables and headers in a configuration). */
    public static Map<String, String> valuesOf(Map<String, String> map) {
        Map<String, String> out = new TreeMap<>();
        map.keySet().forEach(k -> out.put(k, MASK));
        return out;
    }

    /** Command-line arguments with the values of secret-looking flags masked and URLs in them cleaned. */
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
                out.add(maskUrlsIn(arg));
            }
        }
        return out;
    }

    /** The text with every URL in it shown as {@link #url} shows it. */
    public static String maskUrlsIn(String text) {
        if (text == null || !text.contains("://")) {
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
