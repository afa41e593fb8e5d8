package io.gureum.core.protocol;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Query-protocol parameters ({@code Filter.1.Value.2=x}) as a tree keyed by the dot-separated parts, so
 * decoding a structure looks up its members instead of scanning every parameter.
 */
final class FormTree {
    String value;
    private Map<String, FormTree> children;

    static FormTree of(Map<String, List<String>> params) {
        FormTree root = new FormTree();
        for (Map.Entry<String, List<String>> e : params.entrySet()) {
            FormTree node = root;
            String key = e.getKey();
            int start = 0;
            while (true) {
                int dot = key.indexOf('.', start);
                String part = dot < 0 ? key.substring(start) : key.substring(start, dot);
                node = node.child(part, true);
                if (dot < 0) {
                    break;
                }
                start = dot + 1;
            }
            node.value = e.getValue().get(0);
        }
        return root;
    }

    FormTree child(String name) {
        return children == null ? null : children.get(name);
    }

    private FormTree child(String name, boolean create) {
        if (children == null) {
            children = new HashMap<>();
        }
        return children.computeIfAbsent(name, k -> new FormTree());
    }

    boolean hasChildren() {
        return children != null && !children.isEmpty();
    }

    /** The largest list index accepted: no AWS list has more members; an absurd N is refused, not allocated. */
    static final int MAX_INDEX = 10_000;

    /**
     * The numbered children 1..n in numeric order (clients number from 1).
     *
     * @throws io.gureum.core.error.AwsException 400 for an index below 1 or above {@link #MAX_INDEX}
     */
    List<FormTree> numbered(String name) {
        if (children == null) {
            return List.of();
        }
        TreeMap<Integer, FormTree> sorted = new TreeMap<>();
        for (Map.Entry<String, FormTree> e : children.entrySet()) {
            String key = e.getKey();
            if (key.isEmpty() || !key.chars().allMatch(Character::isDigit)) {
                continue; // not a list index
            }
            int index = key.length() > 9 ? Integer.MAX_VALUE : Integer.parseInt(key);
            if (index < 1 || index > MAX_INDEX) {
                throw io.gureum.core.error.CommonErrors.malformedQuery("The index " + io.gureum.core.error.CommonErrors
                        .printable(key) + " of parameter " + name + " is out of range: list members are numbered from 1 to "
                        + MAX_INDEX + ".");
            }
            sorted.put(index, e.getValue());
        }
        return new ArrayList<>(sorted.values());
    }
}
