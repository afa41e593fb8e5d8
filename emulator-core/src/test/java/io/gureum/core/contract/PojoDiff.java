package io.gureum.core.contract;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;

/** Field-by-field differences of two SDK model objects, as member paths such as {@code Filters[0].Values[1]}. */
final class PojoDiff {
    private PojoDiff() {
    }

    static List<Diff> diff(Object expected, Object actual) {
        List<Diff> out = new ArrayList<>();
        compare("", expected, actual, out);
        return out;
    }

    /** One difference: the member path, and what was sent and what arrived. */
    record Diff(String path, String expected, String actual) {
        @Override
        public String toString() {
            return (path.isEmpty() ? "<root>" : path) + ": sent " + expected + ", got " + actual;
        }
    }

    private static void compare(String path, Object e, Object a, List<Diff> out) {
        e = normalize(e);
        a = normalize(a);
        if (e == null && a == null) {
            return;
        }
        if (e == null || a == null) {
            out.add(new Diff(path, show(e), show(a)));
            return;
        }
        if (e instanceof SdkPojo ep && a instanceof SdkPojo ap) {
            if (e.getClass() != a.getClass()) {
                out.add(new Diff(path, e.getClass().getSimpleName(), a.getClass().getSimpleName()));
                return;
            }
            for (SdkField<?> f : ep.sdkFields()) {
                compare(join(path, f.memberName()), f.getValueOrDefault(ep), f.getValueOrDefault(ap), out);
            }
        } else if (e instanceof List<?> el && a instanceof List<?> al) {
            if (el.size() != al.size()) {
                out.add(new Diff(path + ".size", String.valueOf(el.size()), String.valueOf(al.size())));
                return;
            }
            for (int i = 0; i < el.size(); i++) {
                compare(path + "[" + i + "]", el.get(i), al.get(i), out);
            }
        } else if (e instanceof Map<?, ?> em && a instanceof Map<?, ?> am) {
            if (!em.keySet().equals(am.keySet())) {
                out.add(new Diff(path + ".keys", String.valueOf(em.keySet()), String.valueOf(am.keySet())));
                return;
            }
            for (Map.Entry<?, ?> x : em.entrySet()) {
                compare(path + "{" + x.getKey() + "}", x.getValue(), am.get(x.getKey()), out);
            }
        } else if (e instanceof SdkBytes eb && a instanceof SdkBytes ab) {
            if (!Arrays.equals(eb.asByteArrayUnsafe(), ab.asByteArrayUnsafe())) {
                out.add(new Diff(path, show(e), show(a)));
            }
        } else if (e instanceof byte[] eb && a instanceof byte[] ab) {
            if (!Arrays.equals(eb, ab)) {
                out.add(new Diff(path, eb.length + " bytes", ab.length + " bytes"));
            }
        } else if (e instanceof BigDecimal ed && a instanceof BigDecimal ad) {
            if (ed.compareTo(ad) != 0) {
                out.add(new Diff(path, show(e), show(a)));
            }
        } else if (!e.equals(a)) {
            out.add(new Diff(path, show(e), show(a)));
        }
    }

    private static Object normalize(Object v) {
        return v instanceof SdkAutoConstructList<?> || v instanceof SdkAutoConstructMap<?, ?> ? null : v;
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private static String show(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof SdkBytes b) {
            return "bytes" + Arrays.toString(b.asByteArrayUnsafe());
        }
        String s = v instanceof SdkPojo ? v.getClass().getSimpleName() + v : String.valueOf(v);
        return s.length() > 120 ? s.substring(0, 120) + "…" : "'" + s + "'";
    }
}
