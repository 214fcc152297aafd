package dev.switchboard.gateway;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Pages of a sorted listing. A cursor is opaque to the client and says "after this key" in one list, so it stays
 * meaningful across a catalog change: the next page continues after the last item the client saw (items added
 * before it arrive with the {@code list_changed} notification), never an error and never a restart loop.
 */
final class Pages {
    private static final String VERSION = "1";

    private Pages() {
    }

    /** The page after {@code cursor} (or the first page) of {@code listing}, as the result of a list method. */
    static ObjectNode page(Offer.Listing listing, String cursor, int size, String list, String field) {
        List<Offer.Item> items = listing.items();
        int from = cursor == null ? 0 : after(items, decode(cursor, list));
        int to = Math.min(items.size(), from + size);
        ObjectNode result = JsonRpc.object();
        ArrayNode out = result.putArray(field);
        for (int i = from; i < to; i++) {
            out.add(items.get(i).json());
        }
        if (to < items.size()) {
            result.put("nextCursor", encode(list, items.get(to - 1).key()));
        }
        return result;
    }

    static String encode(String list, String afterKey) {
        String plain = VERSION + ":" + list + ":" + afterKey;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** The key a cursor continues after; a cursor that is not one of ours for this list is invalid params. */
    static String decode(String cursor, String list) {
        String plain;
        try {
            plain = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid(list);
        }
        String prefix = VERSION + ":" + list + ":";
        if (!plain.startsWith(prefix)) {
            throw invalid(list);
        }
        return plain.substring(prefix.length());
    }

    /** The index of the first item whose key sorts after {@code key}. */
    private static int after(List<Offer.Item> items, String key) {
        int lo = 0;
        int hi = items.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (items.get(mid).key().compareTo(key) <= 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static JsonRpc.Failure invalid(String list) {
        return new JsonRpc.Failure(JsonRpc.INVALID_PARAMS, "invalid cursor for " + list + ": pass the nextCursor"
                + " of a previous " + list + " result unchanged, or none for the first page");
    }
}
