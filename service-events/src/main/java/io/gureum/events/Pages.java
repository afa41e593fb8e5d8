package io.gureum.events;

import io.gureum.core.protocol.PageTokens;
import java.util.List;
import java.util.function.Function;

/**
 * One page of a List operation: items after the token's position (a name), at most {@code Limit} (100
 * when absent), and the token of the next page. A token this API did not issue is AWS's
 * "ValidationException: The NextToken is not valid." ... reported as such.
 */
final class Pages {
    private Pages() {
    }

    record Page<T>(List<T> items, String nextToken) {
    }

    static <T> Page<T> of(String kind, List<T> sorted, Function<T, String> key, String token, Integer limit) {
        String after = PageTokens.decode(kind, token, () -> EventsErrors.validation("The NextToken is not valid."));
        int max = limit == null ? 100 : limit;
        List<T> rest = after == null ? sorted : sorted.stream().filter(x -> key.apply(x).compareTo(after) > 0).toList();
        if (rest.size() <= max) {
            return new Page<>(rest, null);
        }
        List<T> page = rest.subList(0, max);
        return new Page<>(page, PageTokens.encode(kind, key.apply(page.get(max - 1))));
    }
}
