package dev.switchboard.agent;

/** What is left of the context's size limit, in UTF-8 bytes; text is cut on a character boundary. */
final class ContextBudget {
    private long left;

    ContextBudget(long bytes) {
        this.left = bytes;
    }

    boolean exhausted() {
        return left <= 0;
    }

    /** As much of {@code text} as fits, and takes that much from the budget. */
    String take(String text) {
        StringBuilder kept = new StringBuilder();
        long used = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int bytes = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (used + bytes > left) {
                break;
            }
            kept.appendCodePoint(cp);
            used += bytes;
            i += Character.charCount(cp);
        }
        left -= used;
        return kept.toString();
    }
}
