package io.gureum.cloudwatch.insights;

import io.gureum.cloudwatch.math.MathException;
import java.util.Map;
import java.util.function.Predicate;

/** A WHERE clause: {@code dim = 'v'} and {@code dim != 'v'} joined by AND (binding tighter) and OR, with parentheses. */
final class Where {
    private Where() {
    }

    static Predicate<Map<String, String>> parse(Tokens t) {
        Predicate<Map<String, String>> left = and(t);
        while (t.accept("OR")) {
            left = left.or(and(t));
        }
        return left;
    }

    private static Predicate<Map<String, String>> and(Tokens t) {
        Predicate<Map<String, String>> left = term(t);
        while (t.accept("AND")) {
            left = left.and(term(t));
        }
        return left;
    }

    private static Predicate<Map<String, String>> term(Tokens t) {
        if (t.accept("(")) {
            Predicate<Map<String, String>> inner = parse(t);
            t.expect(")");
            return inner;
        }
        String dim = t.name();
        boolean equal;
        if (t.accept("=")) {
            equal = true;
        } else if (t.accept("!=")) {
            equal = false;
        } else {
            throw new MathException("Expected = or != after " + dim + ".");
        }
        Tokens.Token value = t.next();
        if (value.kind() != 'V' && value.kind() != '#') {
            throw new MathException("Expected a quoted value after " + dim + ".");
        }
        String v = value.text();
        return equal ? d -> v.equals(d.get(dim)) : d -> !v.equals(d.get(dim));
    }
}
