package io.gureum.core.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.Supplier;

/**
 * Opaque pagination tokens ({@code NextToken}, {@code nextToken}): a kind (the listing that made it) and the
 * position to go on from, base64url encoded. A token of another kind, or one that does not decode, is
 * refused with the caller's own error (each API words it differently).
 */
public final class PageTokens {
    private PageTokens() {
    }

    public static String encode(String kind, String position) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((kind + "|" + position).getBytes(StandardCharsets.UTF_8));
    }

    /** The position {@code token} carries; null when there is no token. */
    public static String decode(String kind, String token, Supplier<? extends RuntimeException> invalid) {
        if (token == null) {
            return null;
        }
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid.get();
        }
        if (!text.startsWith(kind + "|")) {
            throw invalid.get();
        }
        return text.substring(kind.length() + 1);
    }
}
