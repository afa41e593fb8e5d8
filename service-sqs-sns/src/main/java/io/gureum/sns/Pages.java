package io.gureum.sns;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/** SNS's list pagination: pages of 100, the NextToken an opaque position. */
final class Pages {
    private static final int PAGE = 100;

    private Pages() {
    }

    record Page<T>(List<T> items, String next) {
    }

    /** The page of {@code all} after the position {@code token} names, each item mapped. */
    static <S, T> Page<T> page(List<S> all, String token, Function<S, T> map) {
        return page(all, token, PAGE, map);
    }

    /** The page of at most {@code size} items of {@code all} after the position {@code token} names. */
    static <S, T> Page<T> page(List<S> all, String token, int size, Function<S, T> map) {
        int start = 0;
        if (token != null && !token.isEmpty()) {
            try {
                start = Integer.parseInt(new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw SnsErrors.invalidParameter("NextToken");
            }
        }
        int end = Math.min(all.size(), start + size);
        List<T> items = new ArrayList<>();
        for (S s : all.subList(Math.min(start, end), end)) {
            items.add(map.apply(s));
        }
        String next = end < all.size()
                ? Base64.getEncoder().encodeToString(Integer.toString(end).getBytes(StandardCharsets.UTF_8)) : null;
        return new Page<>(items, next);
    }
}
