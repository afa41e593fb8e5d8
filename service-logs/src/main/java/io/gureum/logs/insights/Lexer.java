package io.gureum.logs.insights;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a query into tokens. Commands are separated by {@code |}; {@code #} starts a comment to the end of
 * the line (CWL_QuerySyntax.html). A {@code /} starts a regular expression where an operand is expected
 * ({@code like /x/}, {@code parse @message /(?<a>\d+)/}) and divides after one.
 */
final class Lexer {
    private static final List<String> SYMBOLS = List.of("=~", "!=", "<=", ">=", "==", "=", "<", ">", "+", "-", "*", "/",
            "%", "^", "(", ")", ",", "[", "]");

    private final String s;
    private int i;
    private int line = 1;
    private int lineStart;
    private final List<Token> out = new ArrayList<>();

    private Lexer(String s) {
        this.s = s;
    }

    static List<Token> tokens(String query) {
        Lexer l = new Lexer(query);
        l.run();
        return l.out;
    }

    private void run() {
        while (true) {
            skipSpaceAndComments();
            if (i >= s.length()) {
                out.add(token(Token.Kind.END, "", i));
                return;
            }
            char c = s.charAt(i);
            int start = i;
            if (c == '|') {
                i++;
                out.add(token(Token.Kind.PIPE, "|", start));
            } else if (c == '"' || c == '\'') {
                out.add(token(Token.Kind.STRING, quoted(c), start));
            } else if (c == '`') {
                int close = s.indexOf('`', i + 1);
                if (close < 0) {
                    throw MalformedQuery.at(token(Token.Kind.SYMBOL, "`", start));
                }
                i = close + 1;
                out.add(token(Token.Kind.IDENT, s.substring(start + 1, close), start));
            } else if (c == '/' && operandExpected()) {
                out.add(token(Token.Kind.REGEX, regex(), start));
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < s.length() && Character.isDigit(s.charAt(i + 1)))) {
                number(start);
            } else if (identStart(c)) {
                while (i < s.length() && identPart(s.charAt(i))) {
                    i++;
                }
                out.add(token(Token.Kind.IDENT, s.substring(start, i), start));
            } else {
                String sym = SYMBOLS.stream().filter(x -> s.startsWith(x, start)).findFirst()
                        .orElseThrow(() -> MalformedQuery.at(token(Token.Kind.SYMBOL, String.valueOf(c), start)));
                i += sym.length();
                out.add(token(Token.Kind.SYMBOL, sym, start));
            }
        }
    }

    private void number(int start) {
        while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
            i++;
        }
        int digitsEnd = i;
        if (i < s.length() && (s.charAt(i) == 'e' || s.charAt(i) == 'E') && i + 1 < s.length()
                && (Character.isDigit(s.charAt(i + 1)) || s.charAt(i + 1) == '-')) {
            i += 2;
            while (i < s.length() && Character.isDigit(s.charAt(i))) {
                i++;
            }
            out.add(token(Token.Kind.NUMBER, s.substring(start, i), start));
            return;
        }
        while (i < s.length() && Character.isLetter(s.charAt(i))) {
            i++;
        }
        Token.Kind kind = i > digitsEnd ? Token.Kind.DURATION : Token.Kind.NUMBER;
        out.add(token(kind, s.substring(start, i), start));
    }

    private boolean operandExpected() {
        if (out.isEmpty()) {
            return true;
        }
        Token prev = out.get(out.size() - 1);
        return switch (prev.kind()) {
            case IDENT -> prev.is("like") || prev.is("parse") || prev.is("in") || prev.is("and") || prev.is("or")
                    || prev.is("not") || prev.is("filter") || prev.is("by") || isParseSource();
            case SYMBOL -> !prev.text().equals(")") && !prev.text().equals("]");
            case PIPE -> true;
            default -> false;
        };
    }

    /** {@code parse @message /regex/}: the token before is the field after the {@code parse} command. */
    private boolean isParseSource() {
        return out.size() >= 2 && out.get(out.size() - 2).is("parse");
    }

    private String quoted(char quote) {
        StringBuilder b = new StringBuilder();
        int start = i;
        i++;
        while (i < s.length()) {
            char c = s.charAt(i++);
            if (c == '\\' && i < s.length()) {
                char n = s.charAt(i++);
                b.append(n == quote || n == '\\' ? String.valueOf(n) : "\\" + n);
            } else if (c == quote) {
                return b.toString();
            } else {
                b.append(c);
            }
        }
        throw MalformedQuery.at(token(Token.Kind.SYMBOL, String.valueOf(quote), start));
    }

    private String regex() {
        int start = i;
        StringBuilder b = new StringBuilder();
        i++;
        while (i < s.length()) {
            char c = s.charAt(i++);
            if (c == '\\' && i < s.length() && s.charAt(i) == '/') {
                b.append('/');
                i++;
            } else if (c == '\\' && i < s.length()) {
                b.append(c).append(s.charAt(i++));
            } else if (c == '/') {
                int flagsStart = i;
                while (i < s.length() && Character.isLetter(s.charAt(i))) {
                    i++;
                }
                return b + "\0" + s.substring(flagsStart, i);
            } else {
                b.append(c);
            }
        }
        throw MalformedQuery.at(token(Token.Kind.SYMBOL, "/", start));
    }

    private void skipSpaceAndComments() {
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\n') {
                i++;
                line++;
                lineStart = i;
            } else if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '#') {
                while (i < s.length() && s.charAt(i) != '\n') {
                    i++;
                }
            } else {
                return;
            }
        }
    }

    private Token token(Token.Kind kind, String text, int start) {
        return new Token(kind, text, start, Math.max(i, start), line, start - lineStart);
    }

    private static boolean identStart(char c) {
        return Character.isLetter(c) || c == '_' || c == '@' || c == '$';
    }

    private static boolean identPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '@' || c == '.' || c == '$';
    }
}
