package io.gureum.cloudwatch;

import io.gureum.core.protocol.PageTokens;
import java.util.List;

/** One page of a sorted listing and the token of the next, as an offset into the listing. */
public record Pages<T>(List<T> items, String nextToken) {

    public static <T> Pages<T> of(String kind, List<T> all, String token, int size) {
        int from = offset(kind, token);
        int to = Math.min(all.size(), from + size);
        List<T> page = from >= all.size() ? List.of() : all.subList(from, to);
        return new Pages<>(page, to < all.size() ? PageTokens.encode(kind, Integer.toString(to)) : null);
    }

    /** The offset a token carries (0 without a token); {@code InvalidNextToken} when it does not decode. */
    public static int offset(String kind, String token) {
        String position = PageTokens.decode(kind, token, CloudWatchErrors::invalidNextToken);
        if (position == null) {
            return 0;
        }
        try {
            return Integer.parseInt(position);
        } catch (NumberFormatException e) {
            throw CloudWatchErrors.invalidNextToken();
        }
    }
}
