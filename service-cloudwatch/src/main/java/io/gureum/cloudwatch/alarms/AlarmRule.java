package io.gureum.cloudwatch.alarms;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * A composite alarm's AlarmRule (API_PutCompositeAlarm): {@code ALARM(x)}, {@code OK(x)},
 * {@code INSUFFICIENT_DATA(x)} where x is an alarm name or ARN, optionally in double quotes; {@code TRUE},
 * {@code FALSE}; {@code NOT}, {@code AND}, {@code OR} (AND binding tighter) and parentheses.
 */
final class AlarmRule {
    /** A node: evaluates with a lookup from alarm name or ARN to its state (null when it does not exist). */
    interface Node {
        boolean test(Function<String, String> stateOf);
    }

    private final String text;
    private int pos;
    private final List<String> references = new ArrayList<>();

    private AlarmRule(String text) {
        this.text = text;
    }

    record Parsed(Node root, List<String> references) {
    }

    /** The rule's tree and the alarms it names; IllegalArgumentException with the reason when it does not parse. */
    static Parsed parse(String text) {
        AlarmRule p = new AlarmRule(text);
        Node root = p.or();
        p.space();
        if (p.pos != text.length()) {
            throw new IllegalArgumentException("Unexpected text at position " + (p.pos + 1));
        }
        return new Parsed(root, p.references);
    }

    private Node or() {
        Node left = and();
        while (word("OR")) {
            Node l = left;
            Node r = and();
            left = s -> l.test(s) || r.test(s);
        }
        return left;
    }

    private Node and() {
        Node left = unary();
        while (word("AND")) {
            Node l = left;
            Node r = unary();
            left = s -> l.test(s) && r.test(s);
        }
        return left;
    }

    private Node unary() {
        if (word("NOT")) {
            Node inner = unary();
            return s -> !inner.test(s);
        }
        space();
        if (pos < text.length() && text.charAt(pos) == '(') {
            pos++;
            Node inner = or();
            expect(')');
            return inner;
        }
        if (word("TRUE")) {
            return s -> true;
        }
        if (word("FALSE")) {
            return s -> false;
        }
        for (String state : new String[] {"INSUFFICIENT_DATA", "ALARM", "OK"}) {
            if (word(state)) {
                expect('(');
                String ref = reference();
                expect(')');
                references.add(ref);
                return s -> state.equals(s.apply(ref));
            }
        }
        throw new IllegalArgumentException("Unexpected text at position " + (pos + 1));
    }

    private String reference() {
        space();
        int start = pos;
        if (pos < text.length() && text.charAt(pos) == '"') {
            int end = text.indexOf('"', pos + 1);
            if (end < 0) {
                throw new IllegalArgumentException("Unterminated quote at position " + (pos + 1));
            }
            pos = end + 1;
            return text.substring(start + 1, end);
        }
        while (pos < text.length() && text.charAt(pos) != ')') {
            pos++;
        }
        String ref = text.substring(start, pos).trim();
        if (ref.isEmpty()) {
            throw new IllegalArgumentException("Missing alarm name at position " + (start + 1));
        }
        return ref;
    }

    private void space() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private boolean word(String w) {
        space();
        int end = pos + w.length();
        if (text.regionMatches(false, pos, w, 0, w.length())
                && (end >= text.length() || !(Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_'))) {
            pos = end;
            return true;
        }
        return false;
    }

    private void expect(char c) {
        space();
        if (pos >= text.length() || text.charAt(pos) != c) {
            throw new IllegalArgumentException("Expected '" + c + "' at position " + (pos + 1));
        }
        pos++;
    }

    static String upper(String s) {
        return s.toUpperCase(Locale.ROOT);
    }
}
