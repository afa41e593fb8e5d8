package io.gureum.dynamodb.expression;

import io.gureum.dynamodb.expression.Ast.AddAction;
import io.gureum.dynamodb.expression.Ast.DeleteAction;
import io.gureum.dynamodb.expression.Ast.SetAction;
import io.gureum.dynamodb.expression.Ast.Update;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Applies an UpdateExpression. Every right-hand side is evaluated against the item as it was before
 * the update, then SET, REMOVE, ADD and DELETE are applied
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.UpdateExpressions.html).
 */
public final class Updater {
    private static final String BAD_PATH = "The document path provided in the update expression is invalid for update";
    private static final String BAD_TYPE = "An operand in the update expression has an incorrect data type";

    private Updater() {
    }

    public static Map<String, AttributeValue> apply(Update u, Map<String, AttributeValue> old) {
        Map<String, AttributeValue> before = old == null ? Map.of() : old;
        List<AttributeValue> setValues = new ArrayList<>();
        for (SetAction a : u.set()) {
            setValues.add(Evaluator.operand(a.value(), before));
        }
        Map<String, AttributeValue> item = new LinkedHashMap<>(before);
        for (int i = 0; i < u.set().size(); i++) {
            set(item, u.set().get(i).path(), setValues.get(i));
        }
        List<Path> removes = new ArrayList<>(u.remove());
        removes.sort(Updater::descendingIndexes);
        for (Path p : removes) {
            remove(item, p);
        }
        for (AddAction a : u.add()) {
            AttributeValue cur = Evaluator.resolve(a.path(), item);
            AttributeValue v = a.value().value();
            if (cur == null) {
                set(item, a.path(), v);
            } else if (cur.n() != null && v.n() != null) {
                set(item, a.path(), Values.num(Values.add(new BigDecimal(cur.n()), new BigDecimal(v.n()))));
            } else if (sameSetType(cur, v)) {
                set(item, a.path(), union(cur, v));
            } else {
                throw Values.validation(BAD_TYPE);
            }
        }
        for (DeleteAction d : u.delete()) {
            AttributeValue cur = Evaluator.resolve(d.path(), item);
            if (cur == null) {
                continue;
            }
            if (!sameSetType(cur, d.value().value())) {
                throw Values.validation(BAD_TYPE);
            }
            AttributeValue rest = difference(cur, d.value().value());
            if (rest == null) {
                remove(item, d.path());
            } else {
                set(item, d.path(), rest);
            }
        }
        return item;
    }

    private static int descendingIndexes(Path a, Path b) {
        int n = Math.min(a.size(), b.size());
        for (int i = 0; i < n; i++) {
            Object x = a.elements().get(i);
            Object y = b.elements().get(i);
            if (x instanceof Integer xi && y instanceof Integer yi) {
                int c = Integer.compare(yi, xi);
                if (c != 0) {
                    return c;
                }
            } else if (!x.equals(y)) {
                return 0;
            }
        }
        return 0;
    }

    private static boolean sameSetType(AttributeValue a, AttributeValue b) {
        String t = Values.type(a);
        return t.equals(Values.type(b)) && (t.equals("SS") || t.equals("NS") || t.equals("BS"));
    }

    private static AttributeValue union(AttributeValue a, AttributeValue b) {
        switch (Values.type(a)) {
            case "SS": {
                Set<String> s = new LinkedHashSet<>(a.ss());
                s.addAll(b.ss());
                return AttributeValue.builder().ss(new ArrayList<>(s)).build();
            }
            case "NS": {
                Map<BigDecimal, String> s = new LinkedHashMap<>();
                a.ns().forEach(n -> s.putIfAbsent(new BigDecimal(n).stripTrailingZeros(), n));
                b.ns().forEach(n -> s.putIfAbsent(new BigDecimal(n).stripTrailingZeros(), n));
                return AttributeValue.builder().ns(new ArrayList<>(s.values())).build();
            }
            default: {
                Set<SdkBytes> s = new LinkedHashSet<>(a.bs());
                s.addAll(b.bs());
                return AttributeValue.builder().bs(new ArrayList<>(s)).build();
            }
        }
    }

    private static AttributeValue difference(AttributeValue a, AttributeValue b) {
        switch (Values.type(a)) {
            case "SS": {
                List<String> s = new ArrayList<>(a.ss());
                s.removeAll(b.ss());
                return s.isEmpty() ? null : AttributeValue.builder().ss(s).build();
            }
            case "NS": {
                Set<BigDecimal> drop = new java.util.HashSet<>();
                b.ns().forEach(n -> drop.add(new BigDecimal(n).stripTrailingZeros()));
                List<String> s = new ArrayList<>();
                a.ns().forEach(n -> {
                    if (!drop.contains(new BigDecimal(n).stripTrailingZeros())) {
                        s.add(n);
                    }
                });
                return s.isEmpty() ? null : AttributeValue.builder().ns(s).build();
            }
            default: {
                List<SdkBytes> s = new ArrayList<>(a.bs());
                s.removeAll(b.bs());
                return s.isEmpty() ? null : AttributeValue.builder().bs(s).build();
            }
        }
    }

    static void set(Map<String, AttributeValue> item, Path path, AttributeValue value) {
        if (path.isTopLevel()) {
            item.put(path.head(), value);
            return;
        }
        AttributeValue top = item.get(path.head());
        if (top == null) {
            throw Values.validation(BAD_PATH);
        }
        item.put(path.head(), setIn(top, path.elements(), 1, value));
    }

    private static AttributeValue setIn(AttributeValue container, List<Object> els, int i, AttributeValue value) {
        Object e = els.get(i);
        boolean last = i == els.size() - 1;
        if (e instanceof Integer idx) {
            if (!container.hasL()) {
                throw Values.validation(BAD_PATH);
            }
            List<AttributeValue> list = new ArrayList<>(container.l());
            if (last) {
                if (idx >= list.size()) {
                    list.add(value);
                } else {
                    list.set(idx, value);
                }
            } else {
                if (idx >= list.size()) {
                    throw Values.validation(BAD_PATH);
                }
                list.set(idx, setIn(list.get(idx), els, i + 1, value));
            }
            return AttributeValue.builder().l(list).build();
        }
        if (!container.hasM()) {
            throw Values.validation(BAD_PATH);
        }
        Map<String, AttributeValue> map = new LinkedHashMap<>(container.m());
        if (last) {
            map.put((String) e, value);
        } else {
            AttributeValue child = map.get(e);
            if (child == null) {
                throw Values.validation(BAD_PATH);
            }
            map.put((String) e, setIn(child, els, i + 1, value));
        }
        return AttributeValue.builder().m(map).build();
    }

    static void remove(Map<String, AttributeValue> item, Path path) {
        if (path.isTopLevel()) {
            item.remove(path.head());
            return;
        }
        AttributeValue top = item.get(path.head());
        if (top == null) {
            return;
        }
        item.put(path.head(), removeIn(top, path.elements(), 1));
    }

    private static AttributeValue removeIn(AttributeValue container, List<Object> els, int i) {
        Object e = els.get(i);
        boolean last = i == els.size() - 1;
        if (e instanceof Integer idx) {
            if (!container.hasL()) {
                throw Values.validation(BAD_PATH);
            }
            if (idx >= container.l().size()) {
                return container;
            }
            List<AttributeValue> list = new ArrayList<>(container.l());
            if (last) {
                list.remove((int) idx);
            } else {
                list.set(idx, removeIn(list.get(idx), els, i + 1));
            }
            return AttributeValue.builder().l(list).build();
        }
        if (!container.hasM()) {
            throw Values.validation(BAD_PATH);
        }
        if (!container.m().containsKey(e)) {
            return container;
        }
        Map<String, AttributeValue> map = new LinkedHashMap<>(container.m());
        if (last) {
            map.remove(e);
        } else {
            map.put((String) e, removeIn(map.get(e), els, i + 1));
        }
        return AttributeValue.builder().m(map).build();
    }

    /**
     * The parts of {@code item} the paths select, nested as in the item; list elements keep their
     * order. Used by ProjectionExpression and by ReturnValues UPDATED_OLD/UPDATED_NEW.
     */
    public static Map<String, AttributeValue> project(Map<String, AttributeValue> item, List<Path> paths) {
        Map<String, Object> tree = new LinkedHashMap<>();
        for (Path p : paths) {
            AttributeValue v = Evaluator.resolve(p, item);
            if (v == null) {
                continue;
            }
            Object node = tree;
            List<Object> els = p.elements();
            for (int i = 0; i < els.size(); i++) {
                Object key = els.get(i);
                boolean last = i == els.size() - 1;
                @SuppressWarnings("unchecked")
                Map<Object, Object> m = (Map<Object, Object>) node;
                if (last) {
                    m.put(key, v);
                } else {
                    Object child = m.get(key);
                    if (!(child instanceof Map)) {
                        child = els.get(i + 1) instanceof Integer ? new java.util.TreeMap<Integer, Object>()
                                : new LinkedHashMap<String, Object>();
                        m.put(key, child);
                    }
                    node = child;
                }
            }
        }
        Map<String, AttributeValue> out = new LinkedHashMap<>();
        tree.forEach((k, v) -> out.put(k, build(v)));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static AttributeValue build(Object node) {
        if (node instanceof AttributeValue av) {
            return av;
        }
        if (node instanceof java.util.TreeMap<?, ?> list) {
            List<AttributeValue> out = new ArrayList<>();
            list.values().forEach(v -> out.add(build(v)));
            return AttributeValue.builder().l(out).build();
        }
        Map<String, AttributeValue> out = new LinkedHashMap<>();
        ((Map<String, Object>) node).forEach((k, v) -> out.put(k, build(v)));
        return AttributeValue.builder().m(out).build();
    }

    static Map<String, AttributeValue> copy(Map<String, AttributeValue> m) {
        return new HashMap<>(m);
    }

    static final Comparator<Path> BY_SIZE = Comparator.comparingInt(Path::size);
}
