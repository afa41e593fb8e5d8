package io.gureum.dynamodb.expression;

/** One lexical token of an expression, with its position in the source text. */
record Token(Kind kind, String text, int start, int end) {
    enum Kind { IDENT, NAME, VALUE, NUMBER, LPAREN, RPAREN, LBRACKET, RBRACKET, DOT, COMMA,
        EQ, NE, LT, LE, GT, GE, PLUS, MINUS, EOF }

    boolean is(Kind k) {
        return kind == k;
    }

    /** A keyword such as AND or SET, case-insensitively. */
    boolean isKeyword(String word) {
        return kind == Kind.IDENT && text.equalsIgnoreCase(word);
    }
}
