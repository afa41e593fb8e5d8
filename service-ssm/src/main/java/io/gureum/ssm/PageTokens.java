package io.gureum.ssm;

/**
 * The opaque {@code NextToken}s of the listing operations: a kind and the last position answered, base64
 * encoded; a token of another kind or that does not decode is {@code InvalidNextToken}.
 */
final class PageTokens {
    private PageTokens() {
    }

    static String encode(String kind, String position) {
        return io.gureum.core.protocol.PageTokens.encode(kind, position);
    }

    /** The position of {@code token}, or null when there is none. */
    static String decode(String kind, String token) {
        return io.gureum.core.protocol.PageTokens.decode(kind, token, SsmErrors::invalidNextToken);
    }
}
