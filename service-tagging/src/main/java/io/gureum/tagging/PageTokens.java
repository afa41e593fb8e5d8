package io.gureum.tagging;

import io.gureum.core.error.ModeledErrors;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.InvalidParameterException;

/**
 * Opaque pagination tokens: the sort key of the first item of the next page. An empty token is the
 * end of the results, as the tagging API answers ({@code "PaginationToken": ""}).
 */
final class PageTokens {
    private PageTokens() {
    }

    static String next(String firstOfNextPage) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(firstOfNextPage.getBytes(StandardCharsets.UTF_8));
    }

    /** The sort key a token stands for; null for no token (the first page). */
    static String start(String token) {
        if (token == null || token.isEmpty()) {
            return null;
        }
        try {
            return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ModeledErrors.of(InvalidParameterException.class, "The specified pagination token is not valid.");
        }
    }
}
