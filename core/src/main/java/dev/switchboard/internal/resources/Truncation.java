package dev.switchboard.internal.resources;

import io.modelcontextprotocol.spec.McpSchema;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Keeps a resource's contents within a byte limit: text is measured and cut in UTF-8 bytes (never inside a
 * character), blobs in decoded bytes (cut, then re-encoded). Blobs are decoded only when they are too large.
 */
final class Truncation {
    /** Contents within the limit, the size the server sent, and whether anything was cut. */
    record Limited(List<McpSchema.ResourceContents> contents, long size, long kept, boolean truncated) {
    }

    private Truncation() {
    }

    static Limited limit(List<McpSchema.ResourceContents> contents, long maxBytes) {
        List<McpSchema.ResourceContents> out = new ArrayList<>(contents.size());
        long size = 0;
        long kept = 0;
        boolean truncated = false;
        for (McpSchema.ResourceContents c : contents) {
            long n = size(c);
            size += n;
            long room = maxBytes - kept;
            if (n <= room) {
                out.add(c);
                kept += n;
            } else {
                truncated = true;
                if (room > 0) {
                    McpSchema.ResourceContents cut = cut(c, room);
                    out.add(cut);
                    kept += size(cut);
                }
            }
        }
        return new Limited(out, size, kept, truncated);
    }

    static long size(McpSchema.ResourceContents c) {
        return switch (c) {
            case McpSchema.TextResourceContents t -> utf8Length(t.text());
            case McpSchema.BlobResourceContents b -> decodedLength(b.blob());
            default -> 0;
        };
    }

    private static McpSchema.ResourceContents cut(McpSchema.ResourceContents c, long room) {
        return switch (c) {
            case McpSchema.TextResourceContents t -> new McpSchema.TextResourceContents(t.uri(), t.mimeType(),
                    utf8Prefix(t.text(), (int) Math.min(room, Integer.MAX_VALUE)), t.meta());
            case McpSchema.BlobResourceContents b -> {
                byte[] bytes = Base64.getMimeDecoder().decode(b.blob());
                byte[] head = java.util.Arrays.copyOf(bytes, (int) Math.min(room, bytes.length));
                yield new McpSchema.BlobResourceContents(b.uri(), b.mimeType(),
                        Base64.getEncoder().encodeToString(head), b.meta());
            }
            default -> c;
        };
    }

    static long utf8Length(String s) {
        if (s == null) {
            return 0;
        }
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch < 0x80) {
                n += 1;
            } else if (ch < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(ch) && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    /** The longest prefix of {@code s} whose UTF-8 encoding fits in {@code maxBytes}. */
    static String utf8Prefix(String s, int maxBytes) {
        CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
        CharBuffer in = CharBuffer.wrap(s);
        // The encoder stops before a character that does not fit whole, so no character is ever split.
        encoder.encode(in, ByteBuffer.allocate(maxBytes), true);
        return s.substring(0, in.position());
    }

    /** Decoded bytes of standard base64, computed from its length; other input is decoded to be measured. */
    static long decodedLength(String base64) {
        if (base64 == null || base64.isEmpty()) {
            return 0;
        }
        int len = base64.length();
        if (len % 4 != 0 || base64.chars().anyMatch(Character::isWhitespace)) {
            return Base64.getMimeDecoder().decode(base64).length;
        }
        int padding = base64.endsWith("==") ? 2 : base64.endsWith("=") ? 1 : 0;
        return (long) len / 4 * 3 - padding;
    }
}
