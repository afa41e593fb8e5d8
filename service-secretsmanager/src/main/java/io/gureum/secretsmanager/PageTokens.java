package io.gureum.secretsmanager;

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
        return io.gureum.core.protocol.PageTokens.encode(kind, Integer.toString(index));
    }

    private static int decode(String kind, String token) {
        String position = io.gureum.core.protocol.PageTokens.decode(kind, token, SecretsErrors::invalidNextToken);
        if (position == null) {
            return 0;
        }
        try {
            return Integer.parseInt(position);
        } catch (NumberFormatException e) {
            throw SecretsErrors.invalidNextToken();
        }
    }
}
