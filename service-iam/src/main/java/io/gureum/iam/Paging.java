package io.gureum.iam;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * IAM's Marker/MaxItems paging: at most MaxItems (default 100) items, IsTruncated, and a Marker to
 * pass back (https://docs.aws.amazon.com/IAM/latest/APIReference/Pagination.html). The marker names
 * the next item's sort key, so paging survives deletions between calls.
 */
record Paging<T>(List<T> items, boolean truncated, String marker) {
    static final int DEFAULT_MAX_ITEMS = 100;

    /** @param sorted the items in answer order, sorted by {@code key} */
    static <T> Paging<T> page(List<T> sorted, Function<T, String> key, String marker, Integer maxItems) {
        int max = maxItems == null ? DEFAULT_MAX_ITEMS : maxItems;
        int from = 0;
        if (marker != null) {
            String next = decode(marker);
            while (from < sorted.size() && key.apply(sorted.get(from)).compareTo(next) < 0) {
                from++;
            }
        }
        int to = Math.min(sorted.size(), from + max);
        boolean truncated = to < sorted.size();
        return new Paging<>(List.copyOf(sorted.subList(from, to)), truncated,
                truncated ? encode(key.apply(sorted.get(to))) : null);
    }

    private static String encode(String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String marker) {
        try {
            return new String(Base64.getUrlDecoder().decode(marker), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw IamErrors.validation("Invalid Marker.");
        }
    }
}
