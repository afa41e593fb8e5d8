package io.gureum.dynamodb.expression;

import io.gureum.dynamodb.expression.Token.Kind;
import java.util.ArrayList;
import java.util.List;

/** Splits an expression into tokens. Whitespace separates tokens and is otherwise ignored. */
final class Lexer {
    private Lexer() {
    }

    static List<Token> tokenize(String src, String kind) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        int n = src.length();
        while (i < n) {
            char c = src.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            int start = i;
            if (c == '#' || c == ':') {
                i++;
                while (i < n && isWordChar(src.charAt(i))) {
                    i++;
                }
                if (i == start + 1) {
                    throw Errors.syntax(kind, src, out, new Token(Kind.IDENT, String.valueOf(c), start, i));
                }
                out.add(new Token(c == '#' ? Kind.NAME : Kind.VALUE, src.substring(start, i), start, i));
                continue;
            }
            if (Character.isDigit(c)) {
                while (i < n && Character.isDigit(src.charAt(i))) {
                    i++;
                }
                out.add(new Token(Kind.NUMBER, src.substring(start, i), start, i));
                continue;
            }
            if (isWordChar(c)) {
                while (i < n && isWordChar(src.charAt(i))) {
                    i++;
                }
                out.add(new Token(Kind.IDENT, src.substring(start, i), start, i));
                continue;
            }
            Kind k;
            int len = 1;
            switch (c) {
                case '(' -> k = Kind.LPAREN;
                case ')' -> k = Kind.RPAREN;
                case '[' -> k = Kind.LBRACKET;
                case ']' -> k = Kind.RBRACKET;
                case '.' -> k = Kind.DOT;
                case ',' -> k = Kind.COMMA;
                case '=' -> k = Kind.EQ;
                case '+' -> k = Kind.PLUS;
                case '-' -> k = Kind.MINUS;
                case '<' -> {
                    if (i + 1 < n && src.charAt(i + 1) == '=') {
                        k = Kind.LE;
                        len = 2;
                    } else if (i + 1 < n && src.charAt(i + 1) == '>') {
                        k = Kind.NE;
                        len = 2;
                    } else {
                        k = Kind.LT;
                    }
                }
                case '>' -> {
                    if (i + 1 < n && src.charAt(i + 1) == '=') {
                        k = Kind.GE;
                        len = 2;
                    } else {
                        k = Kind.GT;
                    }
                }
                default -> throw new io.gureum.core.error.AwsException("ValidationException",
                        "Invalid " + kind + ": Syntax error; token: \"" + c + "\", near: \""
                                + Errors.near(src, out, start, start + 1) + "\"", 400);
            }
            i += len;
            out.add(new Token(k, src.substring(start, i), start, i));
        }
        out.add(new Token(Kind.EOF, "<EOF>", n, n));
        return out;
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }
}
