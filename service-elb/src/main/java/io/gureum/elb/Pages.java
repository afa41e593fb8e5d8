package io.gureum.elb;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * ELB's {@code Marker}/{@code PageSize} pagination: a marker is the opaque position of the next item of a
 * listing; a marker that is not one of ours is {@code ValidationError}.
 */
final class Pages {
    private Pages() {
    }

    record Page<T>(List<T> items, String nextMarker) {
    }

    static <T> Page<T> page(List<T> all, String marker, Integer pageSize, String kind) {
        int from = 0;
        if (marker != null) {
            try {
                String text = new String(Base64.getUrlDecoder().decode(marker), StandardCharsets.UTF_8);
                if (!text.startsWith(kind + ":")) {
                    throw new IllegalArgumentException(text);
                }
                from = Integer.parseInt(text.substring(kind.length() + 1));
            } catch (IllegalArgumentException e) {
                throw ElbErrors.validation("Invalid value for 'Marker'");
            }
        }
        int size = pageSize == null ? 400 : pageSize;
        from = Math.min(from, all.size());
        int to = Math.min(all.size(), from + size);
        String next = to < all.size() ? Base64.getUrlEncoder().withoutPadding()
                .encodeToString((kind + ":" + to).getBytes(StandardCharsets.UTF_8)) : null;
        return new Page<>(List.copyOf(all.subList(from, to)), next);
    }
}
