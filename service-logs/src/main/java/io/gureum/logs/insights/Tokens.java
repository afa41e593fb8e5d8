package io.gureum.logs.insights;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** The tokens of a query and the parsers' position in them. */
final class Tokens {
    static final Set<String> KEYWORDS = Set.of("and", "or", "not", "like", "in", "as", "by", "asc", "desc");

    private final String query;
    private final List<Token> tokens;
    private int i;

    Tokens(String query) {
        this.query = query;
        this.tokens = Lexer.tokens(query);
    }

    /** The token just consumed. */
    Token previous() {
        return tokens.get(i - 1);
    }

    /** The query text from {@code start} to the end of the token just consumed. */
    String text(int start) {
        return query.substring(start, tokens.get(i - 1).end()).strip();
    }

    Token peek() {
        return tokens.get(i);
    }

    Token peekAt(int ahead) {
        return tokens.get(Math.min(tokens.size() - 1, i + ahead));
    }

    Token next() {
        Token t = tokens.get(i);
        if (t.kind() != Token.Kind.END) {
            i++;
        }
        return t;
    }

    boolean take(String symbolOrWord) {
        if (peek().is(symbolOrWord) && peek().kind() != Token.Kind.STRING) {
            i++;
            return true;
        }
        return false;
    }

    Token expect(String symbol) {
        Token t = next();
        if (!t.is(symbol)) {
            throw MalformedQuery.at(t);
        }
        return t;
    }

    /** A {@code /regex/flags} token as a pattern: flags {@code i}, {@code m}, {@code s}. */
    static Pattern regex(Token t) {
        int nul = t.text().indexOf('\0');
        String body = t.text().substring(0, nul);
        String flags = t.text().substring(nul + 1);
        int f = 0;
        for (char c : flags.toCharArray()) {
            f |= switch (c) {
                case 'i' -> Pattern.CASE_INSENSITIVE;
                case 'm' -> Pattern.MULTILINE;
                case 's' -> Pattern.DOTALL;
                default -> throw MalformedQuery.at(t);
            };
        }
        // "(?i)" at the start of the expression is the documented way to ignore case.
        try {
            return Pattern.compile(body, f);
        } catch (PatternSyntaxException e) {
            throw MalformedQuery.of("Invalid regular expression: " + body, t);
        }
    }
}
