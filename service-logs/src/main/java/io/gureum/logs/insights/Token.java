package io.gureum.logs.insights;

/**
 * One lexical token of a query: where it starts and ends (offsets in the query; {@code end} exclusive), its line
 * (from 1) and position in the line (from 0).
 */
record Token(Kind kind, String text, int offset, int end, int line, int position) {
    enum Kind {
        /** A field or command name: letters, digits, {@code _ @ . $}, or any text between backticks. */
        IDENT,
        /** A quoted string ({@code '…'} or {@code "…"}), its text unescaped. */
        STRING,
        /** A regular expression between slashes, its text without them (flags kept in {@link #text} after a NUL). */
        REGEX,
        NUMBER,
        /** A number with a time unit, as {@code bin(5m)} takes: {@code 5m}, {@code 30s}, {@code 1h}. */
        DURATION,
        SYMBOL,
        PIPE,
        END
    }

    boolean is(String symbolOrWord) {
        return (kind == Kind.SYMBOL || kind == Kind.IDENT) && text.equalsIgnoreCase(symbolOrWord);
    }
}
