package org.attributiongraph.storable;

import java.util.Optional;

/**
 * Which text a database can store as it was sent. PostgreSQL refuses the NUL character in text (H2 keeps it, so
 * the same request would work on one and fail on the other), and an unpaired UTF-16 surrogate is not a character
 * at all: encoding it as UTF-8 for PostgreSQL fails or silently turns it into '?'. Both are refused, on either
 * database, as the client's mistake. Every other character PostgreSQL's UTF8 encoding holds is stored.
 */
public final class StorableText {

    private StorableText() {
    }

    /** What makes the text unstorable and where (counting from 1 in UTF-16 units), or empty if it is storable. */
    public static Optional<String> problem(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\0') {
                return Optional.of("holds the NUL character (U+0000) at position " + (i + 1));
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return Optional.of(String.format("holds an unpaired surrogate (U+%04X) at position %d", (int) c, i + 1));
            }
        }
        return Optional.empty();
    }

    /** The sentence a refusal ends with: what the client can do about it. */
    public static String remedy() {
        return "NUL and unpaired surrogates cannot be stored; remove them";
    }
}
