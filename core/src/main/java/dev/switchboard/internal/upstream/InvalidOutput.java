package dev.switchboard.internal.upstream;

/**
 * What a server wrote that is not JSON-RPC, so far: how many lines, and the last one (masked, cut short).
 *
 * @param lines how many lines could not be read as JSON-RPC
 * @param last the last such line, or null
 */
record InvalidOutput(int lines, String last) {
    static final InvalidOutput NONE = new InvalidOutput(0, null);

    /** Whether more invalid output arrived than {@code before} counted. */
    boolean since(InvalidOutput before) {
        return lines > before.lines;
    }

    /** For messages: {@code it wrote 3 lines that are not JSON-RPC (the last: "...")}. */
    String describe() {
        return "it wrote " + (lines == 1 ? "a line" : lines + " lines") + " that " + (lines == 1 ? "is" : "are")
                + " not JSON-RPC (the last: \"" + last + "\")";
    }
}
