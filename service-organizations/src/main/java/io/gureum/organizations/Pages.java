package io.gureum.organizations;

import io.gureum.core.protocol.PageTokens;
import java.util.List;
import software.amazon.awssdk.services.organizations.model.InvalidInputExceptionReason;

/**
 * Pages of the List operations: an opaque {@code NextToken} holding the operation and the next index. A token
 * that does not decode is {@code InvalidInputException} with reason {@code INVALID_NEXT_TOKEN}. Without
 * {@code MaxResults} Organizations answers at most 20 items per page.
 */
final class Pages {
    static final int DEFAULT_MAX = 20;

    private Pages() {
    }

    record Page<T>(List<T> items, String nextToken) {
    }

    static <T> Page<T> page(String kind, List<T> items, String token, Integer maxResults) {
        int max = maxResults == null ? DEFAULT_MAX : maxResults;
        int from = decode(kind, token);
        if (from > items.size()) {
            throw invalid();
        }
        int to = (int) Math.min((long) from + max, items.size());
        return new Page<>(List.copyOf(items.subList(from, to)),
                to < items.size() ? PageTokens.encode(kind, Integer.toString(to)) : null);
    }

    private static int decode(String kind, String token) {
        String position = PageTokens.decode(kind, token, Pages::invalid);
        if (position == null) {
            return 0;
        }
        try {
            return Integer.parseInt(position);
        } catch (NumberFormatException e) {
            throw invalid();
        }
    }

    private static RuntimeException invalid() {
        return OrgErrors.invalid(InvalidInputExceptionReason.INVALID_NEXT_TOKEN,
                "The NextToken value is invalid. Use the token returned by the previous call.");
    }
}
