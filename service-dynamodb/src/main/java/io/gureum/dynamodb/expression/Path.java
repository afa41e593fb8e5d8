package io.gureum.dynamodb.expression;

import java.util.ArrayList;
import java.util.List;

/**
 * A document path: a top-level attribute name followed by map keys ({@code String}) and list indexes
 * ({@code Integer}), names already resolved from {@code #placeholders}.
 */
public record Path(List<Object> elements) {
    public Path {
        elements = List.copyOf(elements);
    }

    public static Path of(String attribute) {
        return new Path(List.of(attribute));
    }

    public String head() {
        return (String) elements.get(0);
    }

    public int size() {
        return elements.size();
    }

    public boolean isTopLevel() {
        return elements.size() == 1;
    }

    /** True if this path equals {@code other} or one is a prefix of the other. */
    public boolean overlaps(Path other) {
        int n = Math.min(size(), other.size());
        for (int i = 0; i < n; i++) {
            if (!elements.get(i).equals(other.elements.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** True if both paths reach the same parent but one indexes it as a list and the other as a map. */
    public boolean conflicts(Path other) {
        int n = Math.min(size(), other.size());
        for (int i = 0; i < n; i++) {
            Object a = elements.get(i);
            Object b = other.elements.get(i);
            if (!a.equals(b)) {
                return a.getClass() != b.getClass();
            }
        }
        return false;
    }

    /** DynamoDB's rendering in messages: {@code [a, b, [0]]}. */
    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        for (Object e : elements) {
            parts.add(e instanceof Integer i ? "[" + i + "]" : (String) e);
        }
        return "[" + String.join(", ", parts) + "]";
    }
}
