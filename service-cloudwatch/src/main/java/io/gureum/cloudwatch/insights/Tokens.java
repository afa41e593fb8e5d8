package io.gureum.cloudwatch.insights;

import io.gureum.cloudwatch.math.MathException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The tokens of a Metrics Insights query: words, "quoted names", 'quoted values' and symbols. */
final class Tokens {
    /** @param kind W word, N double-quoted name, V single-quoted value, S symbol, # number */
    record Token(char kind, String text) {
        boolean is(String word) {
            return (kind == 'W' || kind == 'S') && text.equalsIgnoreCase(word);
        }
    }

    private final List<Token> tokens;
    private int pos;

    Tokens(String query) {
        this.tokens = lex(query);
    }

    private static List<Token> lex(String q) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        while (i < q.length()) {
            char c = q.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '"' || c == '\'') {
                int end = q.indexOf(c, i + 1);
                if (end < 0) {
                    throw new MathException("Unterminated quote in the query.");
                }
                out.add(new Token(c == '"' ? 'N' : 'V', q.substring(i + 1, end)));
                i = end + 1;
            } else if (c == '!' && i + 1 < q.length() && q.charAt(i + 1) == '=') {
                out.add(new Token('S', "!="));
                i += 2;
            } else if ("(),=*".indexOf(c) >= 0) {
                out.add(new Token('S', String.valueOf(c)));
                i++;
            } else if (Character.isDigit(c)) {
                int s = i;
                while (i < q.length() && (Character.isDigit(q.charAt(i)) || q.charAt(i) == '.')) {
                    i++;
                }
                out.add(new Token('#', q.substring(s, i)));
            } else if (Character.isLetter(c) || c == '_' || c == '/' || c == '.' || c == '-' || c == ':') {
                int s = i;
                while (i < q.length() && (Character.isLetterOrDigit(q.charAt(i)) || "_/.-:".indexOf(q.charAt(i)) >= 0)) {
                    i++;
                }
                out.add(new Token('W', q.substring(s, i)));
            } else {
                throw new MathException("Unexpected character '" + c + "' in the query.");
            }
        }
        return out;
    }

    boolean done() {
        return pos >= tokens.size();
    }

    Token peek() {
        return done() ? new Token('E', "") : tokens.get(pos);
    }

    Token next() {
        if (done()) {
            throw new MathException("Unexpected end of the query.");
        }
        return tokens.get(pos++);
    }

    boolean accept(String word) {
        if (peek().is(word)) {
            pos++;
            return true;
        }
        return false;
    }

    void expect(String word) {
        if (!accept(word)) {
            throw new MathException("Expected " + word.toUpperCase(Locale.ROOT) + " near '" + peek().text() + "'.");
        }
    }

    /** A name: a word or a double-quoted name. */
    String name() {
        Token t = next();
        if (t.kind() != 'W' && t.kind() != 'N') {
            throw new MathException("Expected a name near '" + t.text() + "'.");
        }
        return t.text();
    }
}
