package io.gureum.ssm;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The opaque {@code NextToken}s of the listing operations: a kind and the last position answered, base64
 * encoded; a token of another kind or that does not decode is {@code InvalidNextToken}.
 */
final class PageTokens {
    private PageTokens() {
    }

    static String encode(String kind, String position) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((kind + "|" + position).getBytes(StandardCharsets.UTF_8));
    }

    /** The position of {@code token}, or null when there is none. */
    static String decode(String kind, String token) {
        if (token == null) {
            return null;
        }
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw SsmErrors.invalidNextToken();
        }
        if (!text.startsWith(kind + "|")) {
            throw SsmErrors.invalidNextToken();
        }
        return text.substring(kind.length() + 1);
    }
}
