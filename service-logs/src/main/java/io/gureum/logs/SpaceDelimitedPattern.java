package io.gureum.logs;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A space-delimited filter pattern (FilterAndPatternSyntax.html, "Using filter patterns to match terms in
 * space-delimited log events"): {@code [ip, user, ..., status_code = 4*, bytes > 1000]}. The event is split
 * on spaces, text between {@code "…"} or {@code […]} being one field (without its quotes or brackets); the
 * pattern's fields are matched in order, {@code ...} standing for any number of fields; a field may carry
 * conditions, {@code = != < > <= >=} against a number, a string with {@code *} wildcards or a
 * {@code %regex%}, joined with {@code &&} and {@code ||}. Named fields are the values metric filters read
 * as {@code $name}.
 */
final class SpaceDelimitedPattern {
    private interface Condition {
        boolean test(Map<String, String> fields);
    }

    /** One element of the pattern: a name (null for {@code ...}) and its condition, if any. */
    private record Element(String name, Condition condition) {
        boolean ellipsis() {
            return name == null;
        }
    }

    private final List<Element> elements;

    private SpaceDelimitedPattern(List<Element> elements) {
        this.elements = elements;
    }

    static SpaceDelimitedPattern parse(String text) {
        String t = text.strip();
        if (!t.endsWith("]")) {
            throw new FilterPattern.InvalidPattern("Invalid filter pattern: a space-delimited pattern must end with ']'");
        }
        List<Element> elements = new ArrayList<>();
        for (String part : splitTopLevel(t.substring(1, t.length() - 1))) {
            String p = part.strip();
            if (p.equals("...")) {
                elements.add(new Element(null, null));
                continue;
            }
            int op = firstOperator(p);
            String name = (op < 0 ? p : p.substring(0, op)).strip();
            if (!name.matches("[A-Za-z_][A-Za-z0-9_.-]*")) {
                throw new FilterPattern.InvalidPattern("Invalid filter pattern: bad field name '" + name + "'");
            }
            elements.add(new Element(name, op < 0 ? null : conditions(p)));
        }
        if (elements.isEmpty()) {
            throw new FilterPattern.InvalidPattern("Invalid filter pattern: []");
        }
        return new SpaceDelimitedPattern(elements);
    }

    /** The named fields of a matching event, or null. */
    Map<String, String> match(String message) {
        List<String> fields = split(message);
        Map<String, String> named = new LinkedHashMap<>();
        if (!bind(0, fields, 0, named)) {
            return null;
        }
        for (Element e : elements) {
            if (e.condition != null && !e.condition.test(named)) {
                return null;
            }
        }
        return named;
    }

    private boolean bind(int element, List<String> fields, int field, Map<String, String> named) {
        if (element == elements.size()) {
            return field == fields.size();
        }
        Element e = elements.get(element);
        if (e.ellipsis()) {
            for (int skip = fields.size(); skip >= field; skip--) {
                if (bind(element + 1, fields, skip, named)) {
                    return true;
                }
            }
            return false;
        }
        if (field >= fields.size()) {
            return false;
        }
        named.put(e.name, fields.get(field));
        return bind(element + 1, fields, field + 1, named);
    }

    /** The event's fields: split on whitespace; {@code "…"} and {@code […]} are single fields. */
    static List<String> split(String message) {
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = message.length();
        while (i < n) {
            char c = message.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            char close = c == '"' ? '"' : c == '[' ? ']' : 0;
            if (close != 0) {
                int end = message.indexOf(close, i + 1);
                if (end > 0) {
                    out.add(message.substring(i + 1, end));
                    i = end + 1;
                    continue;
                }
            }
            int start = i;
            while (i < n && !Character.isWhitespace(message.charAt(i))) {
                i++;
            }
            out.add(message.substring(start, i));
        }
        return out;
    }

    private static List<String> splitTopLevel(String body) {
        List<String> parts = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        boolean regex = false;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '"' && !regex) {
                quoted = !quoted;
            } else if (c == '%' && !quoted) {
                regex = !regex;
            }
            if (c == ',' && !quoted && !regex) {
                parts.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        parts.add(cur.toString());
        return parts;
    }

    private static int firstOperator(String p) {
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c == '=' || c == '!' || c == '<' || c == '>') {
                return i;
            }
        }
        return -1;
    }

    /** {@code a = 1 || a = 2 && b != x}: {@code &&} binds tighter than {@code ||}. */
    private static Condition conditions(String text) {
        List<Condition> any = new ArrayList<>();
        for (String alternative : text.split("\\|\\|")) {
            List<Condition> all = new ArrayList<>();
            for (String c : alternative.split("&&")) {
                all.add(comparison(c.strip()));
            }
            any.add(f -> all.stream().allMatch(c -> c.test(f)));
        }
        return f -> any.stream().anyMatch(c -> c.test(f));
    }

    private static Condition comparison(String text) {
        int op = firstOperator(text);
        if (op <= 0) {
            throw new FilterPattern.InvalidPattern("Invalid filter pattern: bad condition '" + text + "'");
        }
        String name = text.substring(0, op).strip();
        String rest = text.substring(op);
        String operator = rest.startsWith("!=") || rest.startsWith("<=") || rest.startsWith(">=") ? rest.substring(0, 2)
                : rest.substring(0, 1);
        if (operator.equals("!") ) {
            throw new FilterPattern.InvalidPattern("Invalid filter pattern: bad condition '" + text + "'");
        }
        String value = rest.substring(operator.length()).strip();
        if (value.isEmpty()) {
            throw new FilterPattern.InvalidPattern("Invalid filter pattern: bad condition '" + text + "'");
        }
        if (value.length() >= 2 && value.startsWith("%") && value.endsWith("%")) {
            Pattern regex = FilterPattern.regex(value.substring(1, value.length() - 1));
            boolean negated = operator.equals("!=");
            return f -> {
                String v = f.get(name);
                return v != null && regex.matcher(v).find() != negated;
            };
        }
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        } else {
            BigDecimal number = number(value);
            if (number != null) {
                return f -> {
                    BigDecimal v = number(f.get(name));
                    if (v == null) {
                        return false;
                    }
                    int c = v.compareTo(number);
                    return switch (operator) {
                        case "=" -> c == 0;
                        case "!=" -> c != 0;
                        case "<" -> c < 0;
                        case ">" -> c > 0;
                        case "<=" -> c <= 0;
                        default -> c >= 0;
                    };
                };
            }
        }
        if (!operator.equals("=") && !operator.equals("!=")) {
            throw new FilterPattern.InvalidPattern("Invalid filter pattern: " + operator + " needs a number");
        }
        Pattern glob = glob(value);
        boolean negated = operator.equals("!=");
        return f -> {
            String v = f.get(name);
            return v != null && glob.matcher(v).matches() != negated;
        };
    }

    private static BigDecimal number(String s) {
        if (s == null || s.isEmpty()) {
            return null;
        }
        try {
            return new BigDecimal(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static Pattern glob(String value) {
        StringBuilder b = new StringBuilder();
        for (String part : value.split("\\*", -1)) {
            if (b.length() > 0) {
                b.append(".*");
            }
            b.append(Pattern.quote(part));
        }
        return Pattern.compile(b.toString(), Pattern.DOTALL);
    }
}
