package io.gureum.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A JSON filter pattern, {@code { SELECTOR OPERATOR VALUE }} joined with {@code &&}, {@code ||} and
 * parentheses (FilterAndPatternSyntax.html, "Using filter patterns to match terms in JSON log events").
 * Selectors are {@code $.a.b} and {@code $.list[0]}; operators {@code = != < > <= >=}; values are
 * quoted or bare strings ({@code *} is a wildcard), numbers, or {@code %regex%}; besides
 * {@code IS TRUE}, {@code IS FALSE}, {@code IS NULL}, {@code EXISTS} and {@code NOT EXISTS}. A message
 * that is not a JSON object matches no JSON pattern.
 */
final class JsonPattern {
    private static final ObjectMapper JSON = new ObjectMapper();

    private interface Node {
        boolean test(JsonNode root);
    }

    private final Node root;

    private JsonPattern(Node root) {
        this.root = root;
    }

    static JsonPattern parse(String text) {
        String t = text.strip();
        if (!t.endsWith("}")) {
            throw new FilterPattern.InvalidPattern("Invalid filter pattern: a JSON pattern must end with '}'");
        }
        Parser p = new Parser(t.substring(1, t.length() - 1));
        Node node = p.or();
        p.skipSpace();
        if (!p.atEnd()) {
            throw p.error();
        }
        return new JsonPattern(node);
    }

    boolean matches(String message) {
        String m = message.strip();
        if (!m.startsWith("{")) {
            return false;
        }
        JsonNode tree;
        try {
            tree = JSON.readTree(m);
        } catch (java.io.IOException e) {
            return false;
        }
        return tree != null && tree.isObject() && root.test(tree);
    }

    private record Selector(List<Object> steps) {
        /** The node selected, or null when the path does not exist. */
        JsonNode select(JsonNode root) {
            JsonNode at = root;
            for (Object step : steps) {
                if (at == null) {
                    return null;
                }
                at = step instanceof Integer i ? (at.isArray() ? at.get(i) : null) : at.get((String) step);
            }
            return at;
        }
    }

    private static final class Parser {
        private final String s;
        private int i;

        Parser(String s) {
            this.s = s;
        }

        FilterPattern.InvalidPattern error() {
            return new FilterPattern.InvalidPattern("Invalid filter pattern near position " + i + ": {" + s + "}");
        }

        void skipSpace() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        boolean atEnd() {
            return i >= s.length();
        }

        boolean take(String token) {
            skipSpace();
            if (s.startsWith(token, i)) {
                i += token.length();
                return true;
            }
            return false;
        }

        boolean takeWord(String word) {
            skipSpace();
            if (s.regionMatches(true, i, word, 0, word.length())
                    && (i + word.length() == s.length() || !Character.isLetterOrDigit(s.charAt(i + word.length())))) {
                i += word.length();
                return true;
            }
            return false;
        }

        Node or() {
            Node left = and();
            while (take("||")) {
                Node l = left;
                Node r = and();
                left = root -> l.test(root) || r.test(root);
            }
            return left;
        }

        Node and() {
            Node left = unary();
            while (take("&&")) {
                Node l = left;
                Node r = unary();
                left = root -> l.test(root) && r.test(root);
            }
            return left;
        }

        Node unary() {
            if (take("(")) {
                Node inner = or();
                if (!take(")")) {
                    throw error();
                }
                return inner;
            }
            return comparison();
        }

        Selector selector() {
            skipSpace();
            if (!take("$")) {
                throw error();
            }
            List<Object> steps = new ArrayList<>();
            while (i < s.length()) {
                char c = s.charAt(i);
                if (c == '.') {
                    i++;
                    int start = i;
                    while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || "_-@:".indexOf(s.charAt(i)) >= 0)) {
                        i++;
                    }
                    if (start == i) {
                        throw error();
                    }
                    steps.add(s.substring(start, i));
                } else if (c == '[') {
                    int close = s.indexOf(']', i);
                    if (close < 0) {
                        throw error();
                    }
                    try {
                        steps.add(Integer.parseInt(s.substring(i + 1, close).trim()));
                    } catch (NumberFormatException e) {
                        throw error();
                    }
                    i = close + 1;
                } else {
                    break;
                }
            }
            if (steps.isEmpty()) {
                throw error();
            }
            return new Selector(steps);
        }

        Node comparison() {
            Selector sel = selector();
            if (takeWord("IS")) {
                if (takeWord("TRUE")) {
                    return root -> isBoolean(sel.select(root), true);
                }
                if (takeWord("FALSE")) {
                    return root -> isBoolean(sel.select(root), false);
                }
                if (takeWord("NULL")) {
                    return root -> {
                        JsonNode v = sel.select(root);
                        return v != null && v.isNull();
                    };
                }
                throw error();
            }
            if (takeWord("NOT")) {
                if (!takeWord("EXISTS")) {
                    throw error();
                }
                return root -> sel.select(root) == null;
            }
            if (takeWord("EXISTS")) {
                return root -> sel.select(root) != null;
            }
            String op = operator();
            Value value = value();
            return root -> value.compare(op, sel.select(root));
        }

        private static boolean isBoolean(JsonNode v, boolean expected) {
            return v != null && v.isBoolean() && v.booleanValue() == expected;
        }

        String operator() {
            for (String op : List.of("!=", ">=", "<=", "=", ">", "<")) {
                if (take(op)) {
                    return op;
                }
            }
            throw error();
        }

        Value value() {
            skipSpace();
            if (atEnd()) {
                throw error();
            }
            char c = s.charAt(i);
            if (c == '"') {
                StringBuilder b = new StringBuilder();
                i++;
                while (i < s.length() && s.charAt(i) != '"') {
                    if (s.charAt(i) == '\\' && i + 1 < s.length()) {
                        i++;
                    }
                    b.append(s.charAt(i++));
                }
                if (!take("\"")) {
                    throw error();
                }
                return Value.text(b.toString(), false);
            }
            if (c == '%') {
                int close = s.indexOf('%', i + 1);
                if (close < 0) {
                    throw error();
                }
                Pattern regex = FilterPattern.regex(s.substring(i + 1, close));
                i = close + 1;
                return new Value(null, null, regex);
            }
            int start = i;
            while (i < s.length() && !Character.isWhitespace(s.charAt(i)) && "()&|".indexOf(s.charAt(i)) < 0) {
                i++;
            }
            if (start == i) {
                throw error();
            }
            return Value.text(s.substring(start, i), true);
        }
    }

    /** A comparison's right-hand side: a number (bare numerals), or text with {@code *} wildcards, or a regex. */
    private record Value(BigDecimal number, Pattern glob, Pattern regex) {
        static Value text(String text, boolean bare) {
            BigDecimal number = null;
            if (bare) {
                try {
                    number = new BigDecimal(text);
                } catch (NumberFormatException e) {
                    number = null;
                }
            }
            StringBuilder glob = new StringBuilder();
            for (String part : text.split("\\*", -1)) {
                if (glob.length() > 0) {
                    glob.append(".*");
                }
                glob.append(Pattern.quote(part));
            }
            return new Value(number, Pattern.compile(glob.toString(), Pattern.DOTALL), null);
        }

        boolean compare(String op, JsonNode field) {
            if (field == null || field.isContainerNode()) {
                return false;
            }
            if (regex != null) {
                boolean found = field.isValueNode() && !field.isNull() && regex.matcher(field.asText()).find();
                return op.equals("!=") ? !found : op.equals("=") && found;
            }
            if (number != null && field.isNumber()) {
                int c = field.decimalValue().compareTo(number);
                return switch (op) {
                    case "=" -> c == 0;
                    case "!=" -> c != 0;
                    case ">" -> c > 0;
                    case "<" -> c < 0;
                    case ">=" -> c >= 0;
                    default -> c <= 0;
                };
            }
            if (!field.isTextual() && !(number == null && field.isNumber())) {
                return false;
            }
            boolean equal = glob.matcher(field.asText()).matches();
            return switch (op) {
                case "=" -> equal;
                case "!=" -> !equal;
                default -> false;
            };
        }
    }
}
