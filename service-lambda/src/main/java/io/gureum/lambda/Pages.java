package io.gureum.lambda;

import java.util.Base64;

/** Opaque page markers of the List operations: the base64 of the next index. */
final class Pages {
    private Pages() {
    }

    static String marker(int index) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Integer.toString(index).getBytes());
    }

    /** A page's size: {@code MaxItems} within the shape's 1–{@code max}, else a ValidationException. */
    static int size(Integer maxItems, int max, int fallback) {
        if (maxItems == null) {
            return fallback;
        }
        if (maxItems < 1 || maxItems > max) {
            throw LambdaErrors.validation(maxItems, "maxItems", maxItems < 1
                    ? "Member must have value greater than or equal to 1"
                    : "Member must have value less than or equal to " + max);
        }
        return maxItems;
    }

    static int start(String marker) {
        if (marker == null || marker.isEmpty()) {
            return 0;
        }
        try {
            return Math.max(0, Integer.parseInt(new String(Base64.getUrlDecoder().decode(marker))));
        } catch (IllegalArgumentException e) {
            throw LambdaErrors.invalidParameter("Invalid marker: " + marker);
        }
    }
}
