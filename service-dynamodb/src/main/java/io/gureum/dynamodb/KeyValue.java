package io.gureum.dynamodb;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A key attribute's value (S, N or B) ordered as DynamoDB orders sort keys: numbers by value, strings
 * by their UTF-8 bytes and binaries by unsigned bytes
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.NamingRulesDataTypes.html).
 */
final class KeyValue implements Comparable<KeyValue> {
    private final char type;
    private final BigDecimal number;
    private final byte[] bytes;
    private final AttributeValue value;
    private final int hash;

    private KeyValue(char type, BigDecimal number, byte[] bytes, AttributeValue value) {
        this.type = type;
        this.number = number;
        this.bytes = bytes;
        this.value = value;
        this.hash = number != null ? number.hashCode() : Arrays.hashCode(bytes);
    }

    static KeyValue of(AttributeValue v) {
        if (v.s() != null) {
            return new KeyValue('S', null, v.s().getBytes(StandardCharsets.UTF_8), v);
        }
        if (v.n() != null) {
            return new KeyValue('N', new BigDecimal(v.n()).stripTrailingZeros(), null, v);
        }
        return new KeyValue('B', null, v.b().asByteArrayUnsafe(), v);
    }

    /**
     * The partition of a multi-attribute partition key: its values in order, encoded as one binary value (type,
     * length, canonical bytes of each), so equal values meet in one partition.
     */
    static KeyValue composite(java.util.List<AttributeValue> values) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (AttributeValue v : values) {
            KeyValue k = of(v);
            byte[] b = k.number != null ? k.number.toString().getBytes(StandardCharsets.UTF_8) : k.bytes;
            out.write(k.type);
            out.write(b.length >>> 24);
            out.write(b.length >>> 16);
            out.write(b.length >>> 8);
            out.write(b.length);
            out.writeBytes(b);
        }
        return new KeyValue('C', null, out.toByteArray(), null);
    }

    /** A bound made of raw bytes (e.g. the end of a begins_with prefix range). */
    static KeyValue ofBytes(char type, byte[] bytes) {
        return new KeyValue(type, null, bytes, null);
    }

    /** The smallest byte string greater than every string starting with this one, or null if none. */
    KeyValue prefixEnd() {
        byte[] b = bytes.clone();
        for (int i = b.length - 1; i >= 0; i--) {
            if (b[i] != (byte) 0xff) {
                b[i]++;
                return ofBytes(type, java.util.Arrays.copyOf(b, i + 1));
            }
        }
        return null;
    }

    AttributeValue value() {
        return value;
    }

    @Override
    public int compareTo(KeyValue o) {
        if (type != o.type) {
            return Character.compare(type, o.type);
        }
        return number != null ? number.compareTo(o.number) : Arrays.compareUnsigned(bytes, o.bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyValue k && k.type == type && compareTo(k) == 0;
    }

    @Override
    public int hashCode() {
        return hash;
    }

    /** A stable hash for parallel-scan segments. */
    int segmentHash() {
        return hash & 0x7fffffff;
    }

    @Override
    public String toString() {
        return String.valueOf(value);
    }
}
