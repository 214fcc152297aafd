package dev.switchboard.internal.observe;

/**
 * Masks the secrets of one running Switchboard in text before it is logged or put in a message; the engine's
 * masker follows the configuration in force, so a secret rotated by a reload is forgotten.
 */
@FunctionalInterface
public interface Masker {
    /** Knows no secret values: masks only URL credentials and sensitive query values. */
    Masker URLS_ONLY = Redactor::maskUrlsIn;

    String mask(String text);
}
