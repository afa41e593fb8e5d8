package io.gureum.kms;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * KMS's list pagination: {@code Limit} items from {@code Marker} on, with {@code NextMarker} and
 * {@code Truncated} when more remain. A marker is the next item's identifier, base64 encoded; one that
 * names no item is {@code InvalidMarkerException}.
 */
final class Markers {
    record Page<T>(List<T> items, String nextMarker) {
        boolean truncated() {
            return nextMarker != null;
        }
    }

    private Markers() {
    }

    static <T> Page<T> page(List<T> all, Integer limit, String marker, int defaultLimit, Function<T, String> idOf) {
        int from = 0;
        if (marker != null) {
            String id;
            try {
                id = new String(Base64.getUrlDecoder().decode(marker), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw KmsErrors.invalidMarker();
            }
            from = -1;
            for (int i = 0; i < all.size(); i++) {
                if (idOf.apply(all.get(i)).equals(id)) {
                    from = i;
                    break;
                }
            }
            if (from < 0) {
                throw KmsErrors.invalidMarker();
            }
        }
        int n = limit == null ? defaultLimit : limit;
        int to = Math.min(all.size(), from + n);
        String next = to < all.size()
                ? Base64.getUrlEncoder().withoutPadding().encodeToString(idOf.apply(all.get(to)).getBytes(StandardCharsets.UTF_8))
                : null;
        return new Page<>(List.copyOf(all.subList(from, to)), next);
    }
}
