package io.gureum.logs;

/**
 * The opaque {@code nextToken}s of the Describe and Filter operations: a kind and a position, base64
 * encoded; a token of another kind or that does not decode is AWS's "The specified nextToken is invalid.".
 */
final class PageTokens {
    private PageTokens() {
    }

    static String encode(String kind, String position) {
        return io.gureum.core.protocol.PageTokens.encode(kind, position);
    }

    /** The position of {@code token}, or null when there is none. */
    static String decode(String kind, String token) {
        return io.gureum.core.protocol.PageTokens.decode(kind, token, LogsErrors::invalidToken);
    }
}
