package io.gureum.dynamodb;

import java.util.List;

/** Offset-based NextToken paging for the small listings (exports, imports). */
final class Pages {
    private Pages() {
    }

    static int start(String nextToken) {
        if (nextToken == null) {
            return 0;
        }
        try {
            return Integer.parseInt(nextToken);
        } catch (NumberFormatException e) {
            throw DynamoErrors.validation("Invalid NextToken");
        }
    }

    static <T> List<T> page(List<T> all, int start, int size) {
        return start >= all.size() ? List.of() : all.subList(start, Math.min(all.size(), start + size));
    }
}
