package io.gureum.ecr;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * One page of a listing: {@code maxResults} items from the position a {@code nextToken} names, and the token of
 * the next page (null on the last). A token is the opaque index of the next item.
 */
final class PageTokens {
    private PageTokens() {
    }

    record Page<T>(List<T> items, String nextToken) {
    }

    static <T> Page<T> page(List<T> all, Integer maxResults, String nextToken, int defaultSize) {
        int from = 0;
        if (nextToken != null) {
            try {
                from = Integer.parseInt(new String(Base64.getUrlDecoder().decode(nextToken), StandardCharsets.UTF_8)
                        .substring("ecr:".length()));
            } catch (RuntimeException e) {
                throw EcrErrors.invalidParameter("Invalid parameter at 'nextToken' failed to satisfy constraint:"
                        + " 'Invalid NextToken'");
            }
        }
        int size = maxResults != null ? maxResults : defaultSize;
        int to = Math.min(all.size(), from + size);
        String next = to < all.size() ? Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("ecr:" + to).getBytes(StandardCharsets.UTF_8)) : null;
        return new Page<>(from >= all.size() ? List.of() : all.subList(from, to), next);
    }
}
