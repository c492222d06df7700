package io.orgbase.requests;

import io.orgbase.problems.InvalidInput;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Opaque continuation tokens for paged collections: clients pass back what they were given and
 * never build one themselves. A token that was not made here is a 400.
 */
public final class Cursor {

    private static final String PREFIX = "v1:";

    private Cursor() {}

    public static String of(long position) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((PREFIX + position).getBytes(StandardCharsets.US_ASCII));
    }

    /** @return null for no cursor (the first page) */
    public static Long position(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
            if (text.startsWith(PREFIX)) {
                return Long.parseLong(text.substring(PREFIX.length()));
            }
        } catch (IllegalArgumentException malformed) {
            // falls through to the refusal
        }
        throw InvalidInput.field("cursor", "is not a cursor this API gave out");
    }
}
