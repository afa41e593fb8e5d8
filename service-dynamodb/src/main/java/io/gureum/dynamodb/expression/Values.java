package io.gureum.dynamodb.expression;

import io.gureum.core.error.AwsException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Attribute values: their type, DynamoDB's ordering and equality, number rules (38 significant digits,
 * magnitude 1E-130 to 9.99…E+125) and size accounting
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.NamingRulesDataTypes.html).
 */
public final class Values {
    private static final BigDecimal MAX = new BigDecimal("1E+126");
    private static final BigDecimal MIN = new BigDecimal("1E-130");

    private Values() {
    }

    /** The wire type name: S, N, B, SS, NS, BS, M, L, BOOL or NULL; null when none is set. */
    public static String type(AttributeValue v) {
        if (v.s() != null) {
            return "S";
        }
        if (v.n() != null) {
            return "N";
        }
        if (v.b() != null) {
            return "B";
        }
        if (v.bool() != null) {
            return "BOOL";
        }
        if (v.nul() != null) {
            return "NULL";
        }
        if (v.hasM()) {
            return "M";
        }
        if (v.hasL()) {
            return "L";
        }
        if (v.hasSs()) {
            return "SS";
        }
        if (v.hasNs()) {
            return "NS";
        }
        if (v.hasBs()) {
            return "BS";
        }
        return null;
    }

    private static int typeCount(AttributeValue v) {
        int n = 0;
        n += v.s() != null ? 1 : 0;
        n += v.n() != null ? 1 : 0;
        n += v.b() != null ? 1 : 0;
        n += v.bool() != null ? 1 : 0;
        n += v.nul() != null ? 1 : 0;
        n += v.hasM() ? 1 : 0;
        n += v.hasL() ? 1 : 0;
        n += v.hasSs() ? 1 : 0;
        n += v.hasNs() ? 1 : 0;
        n += v.hasBs() ? 1 : 0;
        return n;
    }

    public static AwsException validation(String message) {
        return new AwsException("ValidationException", message, 400);
    }

    /** Parses a number, enforcing DynamoDB's precision and range. */
    public static BigDecimal number(String text) {
        BigDecimal d;
        try {
            d = new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            throw validation("The parameter cannot be converted to a numeric value: " + text);
        }
        return checkRange(d);
    }

    public static BigDecimal checkRange(BigDecimal d) {
        if (d.signum() == 0) {
            return BigDecimal.ZERO;
        }
        BigDecimal stripped = d.stripTrailingZeros();
        if (stripped.precision() > 38) {
            throw validation("Attempting to store more than 38 significant digits in a Number");
        }
        BigDecimal abs = stripped.abs();
        if (abs.compareTo(MAX) >= 0) {
            throw validation("Number overflow. Attempting to store a number with magnitude larger than supported range");
        }
        if (abs.compareTo(MIN) < 0) {
            throw validation("Number underflow. Attempting to store a number with magnitude smaller than supported range");
        }
        return stripped;
    }

    /** The canonical text DynamoDB answers with: no exponent, no trailing zeros. */
    public static String canonical(BigDecimal d) {
        return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
    }

    public static AttributeValue num(BigDecimal d) {
        return AttributeValue.builder().n(canonical(checkRange(d))).build();
    }

    public static BigDecimal add(BigDecimal a, BigDecimal b) {
        return checkRange(a.add(b, MathContext.UNLIMITED));
    }

    /**
     * Validates a value and returns it with numbers in canonical form. {@code where} prefixes the
     * message when non-null (e.g. for ExpressionAttributeValues).
     */
    public static AttributeValue normalize(AttributeValue v) {
        int count = typeCount(v);
        if (count == 0) {
            throw validation("Supplied AttributeValue is empty, must contain exactly one of the supported datatypes");
        }
        if (count > 1) {
            throw validation("Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes");
        }
        if (v.nul() != null && !v.nul()) {
            throw validation("One or more parameter values were invalid: Null attribute value types must have the value of true");
        }
        switch (type(v)) {
            case "N":
                String c = canonical(number(v.n()));
                return c.equals(v.n()) ? v : AttributeValue.builder().n(c).build();
            case "SS": {
                if (v.ss().isEmpty()) {
                    throw validation("One or more parameter values were invalid: An string set  may not be empty");
                }
                if (new HashSet<>(v.ss()).size() != v.ss().size()) {
                    throw duplicates(v.ss());
                }
                return v;
            }
            case "NS": {
                if (v.ns().isEmpty()) {
                    throw validation("One or more parameter values were invalid: An number set  may not be empty");
                }
                List<String> out = new ArrayList<>();
                Set<BigDecimal> seen = new HashSet<>();
                for (String s : v.ns()) {
                    BigDecimal d = number(s);
                    if (!seen.add(d)) {
                        throw duplicates(v.ns());
                    }
                    out.add(canonical(d));
                }
                return out.equals(v.ns()) ? v : AttributeValue.builder().ns(out).build();
            }
            case "BS": {
                if (v.bs().isEmpty()) {
                    throw validation("One or more parameter values were invalid: Binary sets should not be empty");
                }
                if (new HashSet<>(v.bs()).size() != v.bs().size()) {
                    throw validation("One or more parameter values were invalid: Input collection contains duplicates.");
                }
                return v;
            }
            case "L": {
                List<AttributeValue> out = new ArrayList<>(v.l().size());
                boolean changed = false;
                for (AttributeValue e : v.l()) {
                    AttributeValue n = normalize(e);
                    changed |= n != e;
                    out.add(n);
                }
                return changed ? AttributeValue.builder().l(out).build() : v;
            }
            case "M": {
                Map<String, AttributeValue> out = new java.util.LinkedHashMap<>();
                boolean changed = false;
                for (Map.Entry<String, AttributeValue> e : v.m().entrySet()) {
                    AttributeValue n = normalize(e.getValue());
                    changed |= n != e.getValue();
                    out.put(e.getKey(), n);
                }
                return changed ? AttributeValue.builder().m(out).build() : v;
            }
            default:
                return v;
        }
    }

    private static AwsException duplicates(List<String> values) {
        return validation("One or more parameter values were invalid: Input collection " + values + " contains duplicates.");
    }

    /** DynamoDB equality: sets compare as sets, numbers by value. */
    public static boolean equal(AttributeValue a, AttributeValue b) {
        if (a == null || b == null) {
            return false;
        }
        String t = type(a);
        if (t == null || !t.equals(type(b))) {
            return false;
        }
        switch (t) {
            case "N":
                return new BigDecimal(a.n()).compareTo(new BigDecimal(b.n())) == 0;
            case "SS":
                return new HashSet<>(a.ss()).equals(new HashSet<>(b.ss()));
            case "NS": {
                Set<BigDecimal> x = new HashSet<>();
                a.ns().forEach(s -> x.add(new BigDecimal(s).stripTrailingZeros()));
                Set<BigDecimal> y = new HashSet<>();
                b.ns().forEach(s -> y.add(new BigDecimal(s).stripTrailingZeros()));
                return x.equals(y);
            }
            case "BS":
                return new HashSet<>(a.bs()).equals(new HashSet<>(b.bs()));
            case "L": {
                if (a.l().size() != b.l().size()) {
                    return false;
                }
                for (int i = 0; i < a.l().size(); i++) {
                    if (!equal(a.l().get(i), b.l().get(i))) {
                        return false;
                    }
                }
                return true;
            }
            case "M": {
                if (!a.m().keySet().equals(b.m().keySet())) {
                    return false;
                }
                for (Map.Entry<String, AttributeValue> e : a.m().entrySet()) {
                    if (!equal(e.getValue(), b.m().get(e.getKey()))) {
                        return false;
                    }
                }
                return true;
            }
            default:
                return a.equals(b);
        }
    }

    /**
     * Orders two scalars of the same type as DynamoDB does (numbers by value, strings and binaries by
     * unsigned UTF-8/raw bytes); null if they are not comparable.
     */
    public static Integer compare(AttributeValue a, AttributeValue b) {
        if (a == null || b == null) {
            return null;
        }
        String t = type(a);
        if (t == null || !t.equals(type(b))) {
            return null;
        }
        return switch (t) {
            case "N" -> new BigDecimal(a.n()).compareTo(new BigDecimal(b.n()));
            case "S" -> compareUtf8(a.s(), b.s());
            case "B" -> Arrays.compareUnsigned(a.b().asByteArrayUnsafe(), b.b().asByteArrayUnsafe());
            default -> null;
        };
    }

    public static int compareUtf8(String a, String b) {
        return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    /** The size DynamoDB charges for a value (names excluded). */
    public static long size(AttributeValue v) {
        String t = type(v);
        if (t == null) {
            return 0;
        }
        return switch (t) {
            case "S" -> utf8Length(v.s());
            case "N" -> numberSize(v.n());
            case "B" -> v.b().asByteArrayUnsafe().length;
            case "BOOL", "NULL" -> 1;
            case "SS" -> v.ss().stream().mapToLong(Values::utf8Length).sum();
            case "NS" -> v.ns().stream().mapToLong(Values::numberSize).sum();
            case "BS" -> v.bs().stream().mapToLong(b -> b.asByteArrayUnsafe().length).sum();
            case "L" -> 3 + v.l().stream().mapToLong(e -> 1 + size(e)).sum();
            case "M" -> 3 + v.m().entrySet().stream().mapToLong(e -> 1 + utf8Length(e.getKey()) + size(e.getValue())).sum();
            default -> 0;
        };
    }

    /** The size of an item: every attribute name plus its value. */
    public static long itemSize(Map<String, AttributeValue> item) {
        long n = 0;
        for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
            n += utf8Length(e.getKey()) + size(e.getValue());
        }
        return n;
    }

    /**
     * A number's size: about one byte per two significant digits, plus one
     * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html).
     * Significant digits run from the first non-zero digit of the mantissa to its last; sign, point and
     * exponent do not count. A loop, not regular expressions: every item write and restore measures its numbers.
     */
    static long numberSize(String n) {
        int end = n.length();
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            if (c == 'e' || c == 'E') {
                end = i;
                break;
            }
        }
        int digit = 0;
        int first = -1;
        int last = -1;
        for (int i = 0; i < end; i++) {
            char c = n.charAt(i);
            if (c < '0' || c > '9') {
                continue;
            }
            if (c != '0') {
                if (first < 0) {
                    first = digit;
                }
                last = digit;
            }
            digit++;
        }
        int significant = first < 0 ? 0 : last - first + 1;
        return (significant + 1) / 2 + 1;
    }

    public static long utf8Length(String s) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c)) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    public static AttributeValue s(String s) {
        return AttributeValue.builder().s(s).build();
    }

    public static AttributeValue n(String n) {
        return AttributeValue.builder().n(n).build();
    }

    public static AttributeValue b(SdkBytes b) {
        return AttributeValue.builder().b(b).build();
    }
}
