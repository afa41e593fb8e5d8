package io.gureum.dynamodb.partiql;

/** One lexical token of a PartiQL statement. */
record Token(Kind kind, String text) {
    enum Kind {
        /** An unquoted word: a keyword or an attribute name. */
        WORD,
        /** A {@code "double-quoted"} identifier (text without the quotes). */
        QUOTED,
        /** A {@code 'single-quoted'} string literal (text without the quotes). */
        STRING,
        NUMBER,
        /** {@code ?}. */
        PARAM,
        /** Punctuation and operators, including {@code <<} and {@code >>}. */
        SYMBOL,
        EOF
    }

    boolean is(String word) {
        return (kind == Kind.WORD || kind == Kind.SYMBOL) && text.equalsIgnoreCase(word);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case QUOTED -> "\"" + text + "\"";
            case STRING -> "'" + text + "'";
            case EOF -> "<EOF>";
            default -> text;
        };
    }
}
