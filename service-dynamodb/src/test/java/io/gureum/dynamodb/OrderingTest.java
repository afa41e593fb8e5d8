package io.gureum.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class OrderingTest {
    private static KeyValue s(String v) {
        return KeyValue.of(AttributeValue.builder().s(v).build());
    }

    private static KeyValue n(String v) {
        return KeyValue.of(AttributeValue.builder().n(v).build());
    }

    @Test
    void numbersOrderByValueNotText() {
        assertTrue(n("9").compareTo(n("10")) < 0);
        assertTrue(n("-2").compareTo(n("-1.5")) < 0);
        assertEquals(0, n("1.0").compareTo(n("1")));
    }

    @Test
    void stringsOrderByUtf8BytesAndBinariesUnsigned() {
        // U+FF5E (3 UTF-8 bytes, EF BD 9E) sorts before U+1F600 (F0 9F 98 80), though UTF-16 says otherwise.
        assertTrue(s("\uFF5E").compareTo(s("\uD83D\uDE00")) < 0);
        assertTrue(s("Z").compareTo(s("a")) < 0);
        KeyValue low = KeyValue.of(AttributeValue.builder().b(SdkBytes.fromByteArray(new byte[] {0x7f})).build());
        KeyValue high = KeyValue.of(AttributeValue.builder().b(SdkBytes.fromByteArray(new byte[] {(byte) 0x80})).build());
        assertTrue(low.compareTo(high) < 0);
    }

    @Test
    void indexRowsWithTheSameSortKeyStayDistinctAndBoundsCoverThem() {
        TreeMap<RowKey, String> rows = new TreeMap<>();
        rows.put(new RowKey(n("1"), s("a"), null), "1a");
        rows.put(new RowKey(n("2"), s("a"), null), "2a");
        rows.put(new RowKey(n("2"), s("b"), null), "2b");
        rows.put(new RowKey(n("3"), s("a"), null), "3a");
        assertEquals(List.of("2a", "2b"), List.copyOf(rows.subMap(new RowKey(n("2")), true, RowKey.after(n("2")), true).values()));
        assertEquals(List.of("3a"), List.copyOf(rows.tailMap(RowKey.after(n("2")), true).values()));
        assertEquals(List.of("1a"), List.copyOf(rows.headMap(new RowKey(n("2")), false).values()));
    }

    @Test
    void beginsWithRangeEndsAtTheNextPrefix() {
        TreeMap<RowKey, String> rows = new TreeMap<>();
        for (String k : List.of("ORDER#1", "ORDER#2", "ORDER$", "ORDEQ", "ORDER")) {
            rows.put(new RowKey(s(k)), k);
        }
        KeyCondition kc = new KeyCondition(AttributeValue.builder().s("p").build(), "begins_with",
                AttributeValue.builder().s("ORDER#").build(), null);
        assertEquals(List.of("ORDER#1", "ORDER#2"), List.copyOf(rows.subMap(kc.from(), true, kc.to(), kc.toInclusive()).values()));
        KeyCondition none = beginsWith(AttributeValue.builder().s("ORDERZ").build());
        assertEquals(Map.of(), rows.subMap(none.from(), true, none.to(), none.toInclusive()));
    }

    @Test
    void aPrefixOfOnlyFfBytesHasNoNextPrefixAndRangesToThePartitionsEnd() {
        TreeMap<RowKey, String> rows = new TreeMap<>();
        for (byte[] k : List.of(new byte[] {(byte) 0xfe}, new byte[] {(byte) 0xff}, new byte[] {(byte) 0xff, 0x00},
                new byte[] {(byte) 0xff, (byte) 0xff})) {
            rows.put(new RowKey(KeyValue.of(AttributeValue.builder().b(SdkBytes.fromByteArray(k)).build())),
                    java.util.HexFormat.of().formatHex(k));
        }
        KeyCondition kc = beginsWith(AttributeValue.builder().b(SdkBytes.fromByteArray(new byte[] {(byte) 0xff})).build());
        assertNull(kc.to());
        assertEquals(List.of("ff", "ff00", "ffff"), List.copyOf(rows.tailMap(kc.from(), true).values()));
    }

    private static KeyCondition beginsWith(AttributeValue prefix) {
        return new KeyCondition(AttributeValue.builder().s("p").build(), "begins_with", prefix, null);
    }
}
