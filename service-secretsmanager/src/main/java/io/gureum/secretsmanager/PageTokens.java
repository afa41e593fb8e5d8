package io.gureum.secretsmanager;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Pages of the List operations: an opaque {@code NextToken} holding the operation's kind and the index of
 * the next item; a token that does not decode, or of another kind, is InvalidNextTokenException.
 */
final class PageTokens {
    private PageTokens() {
    }

    /** One page of {@code items} and the token of the next one (null at the end). */
    record Page<T>(List<T> items, String nextToken) {
    }

    static <T> Page<T> page(String kind, List<T> items, String token, int maxResults) {
        int from = decode(kind, token);
        if (from > items.size()) {
            throw SecretsErrors.invalidNextToken();
        }
        int to = (int) Math.min((long) from + maxResults, items.size());
        return new Page<>(items.subList(from, to), to < items.size() ? encode(kind, to) : null);
    }

    private static String encode(String kind, int index) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((kind + "|" + index).getBytes(StandardCharsets.UTF_8));
    }

    private static int decode(String kind, String token) {
        if (token == null) {
            return 0;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (!text.startsWith(kind + "|")) {
                throw SecretsErrors.invalidNextToken();
            }
            return Integer.parseInt(text.substring(kind.length() + 1));
        } catch (IllegalArgumentException e) {
            throw SecretsErrors.invalidNextToken();
        }
    }
}
