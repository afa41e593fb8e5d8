package io.gureum.dynamodb;

import java.util.Arrays;

/**
 * The position of an item inside one partition: its sort key for a table; for an index the index sort
 * key followed by the table's key, so that items sharing an index key stay distinct. A null part
 * (no sort key) sorts first.
 */
final class RowKey implements Comparable<RowKey> {
    static final RowKey EMPTY = new RowKey(new KeyValue[0]);

    private final KeyValue[] parts;
    /** A bound that sorts after every key it is a prefix of (for "all rows whose first part is v"). */
    private final boolean upper;

    RowKey(KeyValue... parts) {
        this(false, parts);
    }

    private RowKey(boolean upper, KeyValue... parts) {
        this.parts = parts;
        this.upper = upper;
    }

    /** Sorts after every row whose first part is {@code v}. */
    static RowKey after(KeyValue v) {
        return new RowKey(true, v);
    }

    KeyValue first() {
        return parts.length == 0 ? null : parts[0];
    }

    @Override
    public int compareTo(RowKey o) {
        int n = Math.min(parts.length, o.parts.length);
        for (int i = 0; i < n; i++) {
            KeyValue a = parts[i];
            KeyValue b = o.parts[i];
            if (a == null || b == null) {
                if (a != b) {
                    return a == null ? -1 : 1;
                }
                continue;
            }
            int c = a.compareTo(b);
            if (c != 0) {
                return c;
            }
        }
        if (parts.length != o.parts.length) {
            boolean shorterIsThis = parts.length < o.parts.length;
            boolean shorterUpper = shorterIsThis ? upper : o.upper;
            int c = shorterUpper ? 1 : -1;
            return shorterIsThis ? c : -c;
        }
        return upper == o.upper ? 0 : upper ? 1 : -1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RowKey r && compareTo(r) == 0;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(parts);
    }
}
