package io.gureum.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A one-row partition is a {@link SingleRow}; it reads like the TreeMap it becomes with a second row. */
class PartitionsTest {
    private static KeyValue s(String v) {
        return KeyValue.of(AttributeValue.fromS(v));
    }

    private static Map<String, AttributeValue> item(String v) {
        return Map.of("pk", AttributeValue.fromS(v));
    }

    @Test
    void oneRowThenTwoThenNone() {
        Partitions p = new Partitions();
        RowKey a = new RowKey(s("a"));
        RowKey b = new RowKey(s("b"));
        assertNull(p.put(s("k"), a, item("1"), 10));
        assertInstanceOf(SingleRow.class, p.partition(s("k")));
        assertEquals(item("1"), p.put(s("k"), a, item("2"), 20)); // an overwrite keeps one row
        assertEquals(1, p.count());
        assertEquals(item("2"), p.get(s("k"), a));
        assertNull(p.get(s("k"), b));
        var one = p.partition(s("k"));
        assertEquals(List.of(item("2")), List.copyOf(one.values()));
        assertTrue(one.tailMap(a, false).isEmpty());
        assertEquals(1, one.tailMap(a, true).size());
        assertTrue(one.headMap(a, false).isEmpty());
        assertEquals(a, one.descendingMap().firstKey());
        assertNull(p.put(s("k"), b, item("3"), 5)); // a second row: a TreeMap in key order
        assertEquals(2, p.count());
        assertEquals(List.of(item("2"), item("3")), List.copyOf(p.partition(s("k")).values()));
        assertNull(p.remove(s("k"), new RowKey(s("c"))));
        assertEquals(item("2"), p.remove(s("k"), a));
        assertEquals(item("3"), p.remove(s("k"), b));
        assertNull(p.partition(s("k")));
        assertEquals(0, p.count());
        assertNull(p.put(s("j"), RowKey.EMPTY, item("4"), 1));
        assertNull(p.remove(s("j"), a)); // another row's key removes nothing
        assertEquals(item("4"), p.remove(s("j"), RowKey.EMPTY));
        assertTrue(p.all().isEmpty());
    }
}
