package io.gureum.core.patterns;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Set;

/**
 * {@code {"numeric": [">", 0, "<=", 5]}}: one comparison, or a lower bound followed by an upper bound;
 * matches number values only (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html#eb-filtering-numeric-matching).
 */
final class NumericRange implements ValueMatcher {
    private static final Set<String> LOWER = Set.of(">", ">=");
    private static final Set<String> UPPER = Set.of("<", "<=");

    private final String[] ops;
    private final BigDecimal[] values;

    private NumericRange(String[] ops, BigDecimal[] values) {
        this.ops = ops;
        this.values = values;
    }

    static NumericRange parse(JsonNode v) {
        if (!v.isArray() || (v.size() != 2 && v.size() != 4)) {
            throw new InvalidPatternException("Value of numeric must be an array.");
        }
        int pairs = v.size() / 2;
        String[] ops = new String[pairs];
        BigDecimal[] values = new BigDecimal[pairs];
        for (int i = 0; i < pairs; i++) {
            JsonNode op = v.get(2 * i);
            JsonNode n = v.get(2 * i + 1);
            if (!op.isTextual() || !(LOWER.contains(op.asText()) || UPPER.contains(op.asText()) || op.asText().equals("="))) {
                throw new InvalidPatternException("Unrecognized numeric range operator: " + op);
            }
            if (!n.isNumber()) {
                throw new InvalidPatternException("Value of " + op.asText() + " must be numeric");
            }
            ops[i] = op.asText();
            values[i] = n.decimalValue();
        }
        if (pairs == 2 && !(LOWER.contains(ops[0]) && UPPER.contains(ops[1]))) {
            throw new InvalidPatternException("Bad numeric range operator: " + ops[1]);
        }
        if (pairs == 2 && values[0].compareTo(values[1]) >= 0) {
            throw new InvalidPatternException("Bottom must be less than top");
        }
        return new NumericRange(ops, values);
    }

    @Override
    public boolean matches(JsonNode value) {
        if (!value.isNumber()) {
            return false;
        }
        BigDecimal x = value.decimalValue();
        for (int i = 0; i < ops.length; i++) {
            int c = x.compareTo(values[i]);
            boolean ok = switch (ops[i]) {
                case ">" -> c > 0;
                case ">=" -> c >= 0;
                case "<" -> c < 0;
                case "<=" -> c <= 0;
                default -> c == 0;
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
