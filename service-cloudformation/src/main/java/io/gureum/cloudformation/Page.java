package io.gureum.cloudformation;

import io.gureum.cloudformation.template.TemplateError;
import java.util.List;

/** A page of a listing: {@code NextToken} is the index of the next item, opaque to callers. */
record Page<T>(List<T> items, String nextToken) {

    static <T> Page<T> of(List<T> all, String token, int size) {
        int from = 0;
        if (token != null) {
            try {
                from = Integer.parseInt(token);
            } catch (NumberFormatException e) {
                throw TemplateError.validation("Invalid NextToken");
            }
        }
        int to = Math.min(all.size(), from + size);
        return new Page<>(all.subList(Math.min(from, all.size()), to), to < all.size() ? String.valueOf(to) : null);
    }
}
