package io.gureum.logs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A CloudWatch Logs filter pattern (FilterAndPatternSyntax.html), parsed once and matched against
 * event messages. Supported: the empty pattern (everything); terms, which are case-sensitive and must
 * all appear; {@code "quoted phrases"}; {@code ?term} (at least one of the ?-terms must appear);
 * {@code -term} (must not appear); a regular expression between {@code %} signs; JSON patterns
 * ({@link JsonPattern}); and space-delimited patterns ({@link SpaceDelimitedPattern}). The one matcher of
 * FilterLogEvents, metric filters, subscription filters and TestMetricFilter.
 */
final class FilterPattern {
    /** Thrown for a pattern that does not parse; the handler answers InvalidParameterException. */
    static final class InvalidPattern extends RuntimeException {
        InvalidPattern(String message) {
            super(message, null, false, false);
        }
    }

    private interface Matcher {
        boolean matches(String message);
    }

    /** What a match found: the named fields of a space-delimited pattern (none for other patterns). */
    record Match(Map<String, String> fields) {
        static final Match NONE = new Match(Map.of());
    }

    private final Matcher matcher;
    private final SpaceDelimitedPattern delimited;

    private FilterPattern(Matcher matcher) {
        this.matcher = matcher;
        this.delimited = null;
    }

    private FilterPattern(SpaceDelimitedPattern delimited) {
        this.matcher = null;
        this.delimited = delimited;
    }

    static final FilterPattern ALL = new FilterPattern(m -> true);

    static FilterPattern parse(String text) {
        if (text == null || text.isBlank()) {
            return ALL;
        }
        String t = text.strip();
        if (t.startsWith("{")) {
            JsonPattern json = JsonPattern.parse(t);
            return new FilterPattern(json::matches);
        }
        if (t.startsWith("[")) {
            return new FilterPattern(SpaceDelimitedPattern.parse(t));
        }
        if (t.length() >= 2 && t.startsWith("%") && t.endsWith("%")) {
            Pattern regex = regex(t.substring(1, t.length() - 1));
            return new FilterPattern(m -> regex.matcher(m).find());
        }
        return terms(t);
    }

    static Pattern regex(String body) {
        try {
            return Pattern.compile(body);
        } catch (PatternSyntaxException e) {
            throw new InvalidPattern("Invalid regular expression in filter pattern: " + body);
        }
    }

    boolean matches(String message) {
        return match(message) != null;
    }

    /** The match, or null when the event does not match. */
    Match match(String message) {
        if (delimited != null) {
            Map<String, String> fields = delimited.match(message);
            return fields == null ? null : new Match(fields);
        }
        return matcher.matches(message) ? Match.NONE : null;
    }

    private static FilterPattern terms(String text) {
        List<String> all = new ArrayList<>();
        List<String> any = new ArrayList<>();
        List<String> none = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            List<String> target = all;
            if (c == '?' || c == '-') {
                target = c == '?' ? any : none;
                i++;
                if (i >= n || Character.isWhitespace(text.charAt(i))) {
                    throw new InvalidPattern("Invalid filter pattern: '" + c + "' must precede a term");
                }
            }
            StringBuilder term = new StringBuilder();
            if (text.charAt(i) == '"') {
                i++;
                boolean closed = false;
                while (i < n) {
                    char q = text.charAt(i++);
                    if (q == '\\' && i < n) {
                        term.append(text.charAt(i++));
                    } else if (q == '"') {
                        closed = true;
                        break;
                    } else {
                        term.append(q);
                    }
                }
                if (!closed) {
                    throw new InvalidPattern("Invalid filter pattern: unterminated quoted term");
                }
            } else {
                while (i < n && !Character.isWhitespace(text.charAt(i))) {
                    term.append(text.charAt(i++));
                }
            }
            if (term.length() > 0) {
                target.add(term.toString());
            }
        }
        return new FilterPattern(m -> {
            for (String t : all) {
                if (!m.contains(t)) {
                    return false;
                }
            }
            for (String t : none) {
                if (m.contains(t)) {
                    return false;
                }
            }
            if (any.isEmpty()) {
                return true;
            }
            for (String t : any) {
                if (m.contains(t)) {
                    return true;
                }
            }
            return false;
        });
    }
}
