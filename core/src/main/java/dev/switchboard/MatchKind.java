package dev.switchboard;

/** How a resource matched the entity being {@link Switchboard#resolve(String, String) resolved}; best first. */
public enum MatchKind {
    /** The name (or title, or last URI segment) equals the entity. */
    EXACT,
    /** Equal ignoring case. */
    CASE_INSENSITIVE,
    /** Similar enough by Jaro-Winkler ({@code orchestration.resolve.fuzzy_threshold}). */
    FUZZY
}
