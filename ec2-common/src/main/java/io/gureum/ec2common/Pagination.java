package io.gureum.ec2common;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * MaxResults/NextToken over a Describe call's (already filtered) results. The token is opaque to
 * callers; ours carries the offset of the next item.
 */
public final class Pagination {
    private Pagination() {
    }

    public record Page<T>(List<T> items, String nextToken) {
    }

    /**
     * @param min the smallest MaxResults the operation accepts (5 for most Describe calls)
     * @param max the largest (1000 for most)
     */
    public static <T> Page<T> page(List<T> all, Integer maxResults, String nextToken, int min, int max) {
        int from = 0;
        if (nextToken != null && !nextToken.isEmpty()) {
            from = decode(nextToken);
            if (from > all.size()) {
                from = all.size();
            }
        }
        if (maxResults == null) {
            return new Page<>(List.copyOf(all.subList(from, all.size())), null);
        }
        if (maxResults < min || maxResults > max) {
            throw Ec2Errors.invalidParameterValue("Value ( " + maxResults + " ) for parameter maxResults is invalid. "
                    + "Expecting a value " + (maxResults < min ? "greater than " + min : "less than " + max) + ".");
        }
        int to = (int) Math.min((long) from + maxResults, all.size());
        String next = to < all.size() ? encode(to) : null;
        return new Page<>(List.copyOf(all.subList(from, to)), next);
    }

    public static <T> Page<T> page(List<T> all, Integer maxResults, String nextToken) {
        return page(all, maxResults, nextToken, 5, 1000);
    }

    private static String encode(int offset) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("gureum:" + offset).getBytes(StandardCharsets.UTF_8));
    }

    private static int decode(String token) {
        try {
            String s = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (s.startsWith("gureum:")) {
                int n = Integer.parseInt(s.substring(7));
                if (n >= 0) {
                    return n;
                }
            }
        } catch (IllegalArgumentException e) {
            // falls through
        }
        throw Ec2Error.INVALID_PAGINATION_TOKEN.of();
    }
}
