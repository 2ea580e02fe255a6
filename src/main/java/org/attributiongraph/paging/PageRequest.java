package org.attributiongraph.paging;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.attributiongraph.errors.InvalidInputException;
import org.attributiongraph.limits.Limits;

/**
 * One page of a keyset-paged connection: how many items, and the position after which they start.
 * Cursors are opaque to clients; to us they hold the last item's id and, where a connection sorts by
 * something else first (parties by name), that sort key too. Paging never uses OFFSET.
 */
public record PageRequest(int first, long afterId, String afterSortKey) {

    public static final int DEFAULT_FIRST = 20;
    private static final String CURSOR_PREFIX = "ag1:";

    /** maxFirst: the largest page allowed, {@link Limits#maxFirst()}. */
    public static PageRequest of(Integer first, String after, int maxFirst) {
        int size = first == null ? DEFAULT_FIRST : first;
        if (size < 0 || size > maxFirst) {
            throw new InvalidInputException("first must be between 0 and " + maxFirst + ", was " + size);
        }
        if (after == null) {
            return new PageRequest(size, 0, null);
        }
        String[] position = decode(after);
        return new PageRequest(size, Long.parseLong(position[0]), position.length > 1 ? position[1] : null);
    }

    public boolean hasAfter() {
        return afterId > 0;
    }

    /** Rows to fetch: one more than the page, to learn whether another page follows without counting. */
    public int probeSize() {
        return first + 1;
    }

    public static String cursorOf(long id) {
        return encode(CURSOR_PREFIX + id);
    }

    public static String cursorOf(long id, String sortKey) {
        return encode(CURSOR_PREFIX + id + ":" + sortKey);
    }

    private static String encode(String plain) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    private static String[] decode(String cursor) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (plain.startsWith(CURSOR_PREFIX)) {
                String[] position = plain.substring(CURSOR_PREFIX.length()).split(":", 2);
                if (Long.parseLong(position[0]) > 0) {
                    return position;
                }
            }
        } catch (IllegalArgumentException malformed) {
            // falls through to the same answer as any other foreign cursor
        }
        String shown = cursor.length() <= 40 ? cursor : cursor.substring(0, 40) + "...";
        throw new InvalidInputException("after is not a cursor this service issued: " + shown);
    }
}
