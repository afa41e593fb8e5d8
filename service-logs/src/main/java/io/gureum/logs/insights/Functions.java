package io.gureum.logs.insights;

import io.gureum.core.http.IpLiterals;
import java.net.InetAddress;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The general, string, numeric, datetime and IP functions of CWL_QuerySyntax-operations-functions.html,
 * usable in {@code fields}, {@code filter}, {@code stats … by} and {@code sort}. Aggregations are in
 * {@link Aggregates}. Functions take their arguments unevaluated, so {@code ispresent} sees the field.
 */
final class Functions {
    record Function(String name, int minArgs, int maxArgs, BiFunction<List<Expr>, Map<String, Object>, Object> impl) {
        Object apply(List<Expr> args, Map<String, Object> row) {
            return impl.apply(args, row);
        }
    }

    private static final Map<String, Function> ALL = new HashMap<>();

    static {
        // General
        add("ispresent", 1, 1, (a, r) -> a.get(0).eval(r) != null);
        add("coalesce", 1, 100, (a, r) -> {
            for (Expr e : a) {
                Object v = e.eval(r);
                if (v != null) {
                    return v;
                }
            }
            return null;
        });
        // String
        text("isempty", 1, (s, a, r) -> s == null || s.isEmpty());
        text("isblank", 1, (s, a, r) -> s == null || s.isBlank());
        add("concat", 1, 100, (a, r) -> {
            StringBuilder b = new StringBuilder();
            for (Expr e : a) {
                Object v = e.eval(r);
                if (v != null) {
                    b.append(Values.text(v));
                }
            }
            return b.toString();
        });
        text("trim", 2, (s, a, r) -> s == null ? null : strip(s, chars(a, r), true, true));
        text("ltrim", 2, (s, a, r) -> s == null ? null : strip(s, chars(a, r), true, false));
        text("rtrim", 2, (s, a, r) -> s == null ? null : strip(s, chars(a, r), false, true));
        text("strlen", 1, (s, a, r) -> s == null ? null : (double) s.length());
        text("toupper", 1, (s, a, r) -> s == null ? null : s.toUpperCase(Locale.ROOT));
        text("tolower", 1, (s, a, r) -> s == null ? null : s.toLowerCase(Locale.ROOT));
        add("substr", 2, 3, (a, r) -> {
            Object v = a.get(0).eval(r);
            Double start = Values.number(a.get(1).eval(r));
            if (v == null || start == null) {
                return null;
            }
            String s = Values.text(v);
            int from = Math.max(0, Math.min(s.length(), start.intValue()));
            int to = s.length();
            if (a.size() > 2) {
                Double len = Values.number(a.get(2).eval(r));
                to = len == null ? to : Math.max(from, Math.min(s.length(), from + len.intValue()));
            }
            return s.substring(from, to);
        });
        add("replace", 3, 3, (a, r) -> {
            Object v = a.get(0).eval(r);
            Object find = a.get(1).eval(r);
            Object with = a.get(2).eval(r);
            if (v == null || find == null || with == null) {
                return null;
            }
            return Values.text(v).replace(Values.text(find), Values.text(with));
        });
        add("strcontains", 2, 2, (a, r) -> {
            Object v = a.get(0).eval(r);
            Object sub = a.get(1).eval(r);
            return v == null || sub == null ? null : (double) (Values.text(v).contains(Values.text(sub)) ? 1 : 0);
        });
        // Numeric
        number("abs", Math::abs);
        number("ceil", Math::ceil);
        number("floor", Math::floor);
        number("log", Math::log);
        number("sqrt", Math::sqrt);
        add("greatest", 1, 100, (a, r) -> extreme(a, r, true));
        add("least", 1, 100, (a, r) -> extreme(a, r, false));
        // Datetime
        add("bin", 1, 1, (a, r) -> {
            Instant t = instant(r.get("@timestamp"));
            return t == null ? null : ((Durations) ((Expr.Literal) a.get(0)).value()).floor(t);
        });
        add("datefloor", 2, 2, (a, r) -> {
            Instant t = instant(a.get(0).eval(r));
            return t == null ? null : ((Durations) ((Expr.Literal) a.get(1)).value()).floor(t);
        });
        add("dateceil", 2, 2, (a, r) -> {
            Instant t = instant(a.get(0).eval(r));
            return t == null ? null : ((Durations) ((Expr.Literal) a.get(1)).value()).ceil(t);
        });
        add("frommillis", 1, 1, (a, r) -> {
            Double n = Values.number(a.get(0).eval(r));
            return n == null ? null : Instant.ofEpochMilli(n.longValue());
        });
        add("tomillis", 1, 1, (a, r) -> {
            Instant t = instant(a.get(0).eval(r));
            return t == null ? null : (double) t.toEpochMilli();
        });
        // IP addresses
        text("isvalidip", 1, (s, a, r) -> ip(s) != null);
        text("isvalidipv4", 1, (s, a, r) -> ip(s) instanceof java.net.Inet4Address);
        text("isvalidipv6", 1, (s, a, r) -> ip(s) instanceof java.net.Inet6Address);
        add("isipinsubnet", 2, 2, Functions::inSubnet);
        add("isipv4insubnet", 2, 2, (a, r) -> ip(str(a.get(0), r)) instanceof java.net.Inet4Address && (Boolean) inSubnet(a, r));
        add("isipv6insubnet", 2, 2, (a, r) -> ip(str(a.get(0), r)) instanceof java.net.Inet6Address && (Boolean) inSubnet(a, r));
    }

    private Functions() {
    }

    /** The function called {@code name} (case-insensitive), or null. */
    static Function find(String name) {
        return ALL.get(name.toLowerCase(Locale.ROOT));
    }

    /** Functions whose argument is a period ({@code 5m}), at this index. */
    static int durationArgument(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "bin" -> 0;
            case "datefloor", "dateceil" -> 1;
            default -> -1;
        };
    }

    private interface TextFunction {
        Object apply(String first, List<Expr> args, Map<String, Object> row);
    }

    private static void add(String name, int min, int max, BiFunction<List<Expr>, Map<String, Object>, Object> f) {
        ALL.put(name, new Function(name, min, max, f));
    }

    private static void text(String name, int max, TextFunction f) {
        add(name, 1, max, (a, r) -> f.apply(str(a.get(0), r), a, r));
    }

    private static void number(String name, java.util.function.DoubleUnaryOperator f) {
        add(name, 1, 1, (a, r) -> {
            Double n = Values.number(a.get(0).eval(r));
            return n == null ? null : f.applyAsDouble(n);
        });
    }

    private static String str(Expr e, Map<String, Object> r) {
        Object v = e.eval(r);
        return v == null ? null : Values.text(v);
    }

    private static String chars(List<Expr> a, Map<String, Object> r) {
        return a.size() > 1 ? str(a.get(1), r) : null;
    }

    private static String strip(String s, String chars, boolean left, boolean right) {
        int from = 0;
        int to = s.length();
        while (left && from < to && (chars == null ? Character.isWhitespace(s.charAt(from)) : chars.indexOf(s.charAt(from)) >= 0)) {
            from++;
        }
        while (right && to > from && (chars == null ? Character.isWhitespace(s.charAt(to - 1)) : chars.indexOf(s.charAt(to - 1)) >= 0)) {
            to--;
        }
        return s.substring(from, to);
    }

    private static Object extreme(List<Expr> a, Map<String, Object> r, boolean greatest) {
        Double best = null;
        for (Expr e : a) {
            Double n = Values.number(e.eval(r));
            if (n != null && (best == null || (greatest ? n > best : n < best))) {
                best = n;
            }
        }
        return best;
    }

    static Instant instant(Object v) {
        if (v instanceof Instant t) {
            return t;
        }
        Double n = Values.number(v);
        return n == null ? null : Instant.ofEpochMilli(n.longValue());
    }

    /** A literal IPv4 or IPv6 address (never a host name), or null. */
    private static InetAddress ip(String s) {
        return IpLiterals.address(s);
    }

    private static Boolean inSubnet(List<Expr> a, Map<String, Object> r) {
        InetAddress address = ip(str(a.get(0), r));
        String cidr = str(a.get(1), r);
        if (address == null || cidr == null || !cidr.contains("/")) {
            return false;
        }
        InetAddress network = ip(cidr.substring(0, cidr.indexOf('/')));
        int bits;
        try {
            bits = Integer.parseInt(cidr.substring(cidr.indexOf('/') + 1));
        } catch (NumberFormatException e) {
            return false;
        }
        if (network == null || network.getAddress().length != address.getAddress().length) {
            return false;
        }
        byte[] x = address.getAddress();
        byte[] y = network.getAddress();
        for (int i = 0; i < bits && i < x.length * 8; i++) {
            int mask = 0x80 >> (i % 8);
            if ((x[i / 8] & mask) != (y[i / 8] & mask)) {
                return false;
            }
        }
        return true;
    }
}
