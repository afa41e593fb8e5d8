package io.gureum.dynamodb.partiql;

import java.util.ArrayList;
import java.util.List;

/** Splits a statement into tokens; quotes are doubled to escape them, as in SQL. */
final class Lexer {
    private Lexer() {
    }

    static List<Token> tokens(String s) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '\'' || c == '"') {
                StringBuilder b = new StringBuilder();
                int j = i + 1;
                boolean closed = false;
                while (j < s.length()) {
                    char d = s.charAt(j);
                    if (d == c) {
                        if (j + 1 < s.length() && s.charAt(j + 1) == c) {
                            b.append(c);
                            j += 2;
                            continue;
                        }
                        closed = true;
                        break;
                    }
                    b.append(d);
                    j++;
                }
                if (!closed) {
                    throw Statement.syntax("Unexpected token: " + s.substring(i));
                }
                out.add(new Token(c == '\'' ? Token.Kind.STRING : Token.Kind.QUOTED, b.toString()));
                i = j + 1;
            } else if (Character.isDigit(c) || c == '.' && i + 1 < s.length() && Character.isDigit(s.charAt(i + 1))) {
                int j = i;
                while (j < s.length() && (Character.isDigit(s.charAt(j)) || s.charAt(j) == '.')) {
                    j++;
                }
                if (j < s.length() && (s.charAt(j) == 'e' || s.charAt(j) == 'E')) {
                    j++;
                    if (j < s.length() && (s.charAt(j) == '+' || s.charAt(j) == '-')) {
                        j++;
                    }
                    while (j < s.length() && Character.isDigit(s.charAt(j))) {
                        j++;
                    }
                }
                out.add(new Token(Token.Kind.NUMBER, s.substring(i, j)));
                i = j;
            } else if (Character.isLetter(c) || c == '_' || c == '$') {
                int j = i + 1;
                while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_' || s.charAt(j) == '$')) {
                    j++;
                }
                out.add(new Token(Token.Kind.WORD, s.substring(i, j)));
                i = j;
            } else if (c == '?') {
                out.add(new Token(Token.Kind.PARAM, "?"));
                i++;
            } else {
                String two = i + 1 < s.length() ? s.substring(i, i + 2) : "";
                if (List.of("<=", ">=", "<>", "!=", "<<", ">>").contains(two)) {
                    out.add(new Token(Token.Kind.SYMBOL, two));
                    i += 2;
                } else {
                    out.add(new Token(Token.Kind.SYMBOL, String.valueOf(c)));
                    i++;
                }
            }
        }
        out.add(new Token(Token.Kind.EOF, ""));
        return out;
    }
}
