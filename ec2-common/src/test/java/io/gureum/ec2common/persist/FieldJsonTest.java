package io.gureum.ec2common.persist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.ec2common.ResourceTags;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.PathFilter;

class FieldJsonTest {
    record Key(String type, byte[] blob, Instant at) {
    }

    static final class Thing {
        final String id;
        final ResourceTags tags = new ResourceTags();
        final List<Key> keys = new ArrayList<>();
        final TreeMap<Long, Key> versions = new TreeMap<>();
        transient List<String> index = new ArrayList<>();
        transient Runnable listener;
        private int hidden = 7;
        BitSet used = new BitSet();
        PathFilter filter;

        Thing(String id, Map<String, String> unused) {
            this.id = id;
        }
    }

    @Test
    void fieldsRoundTripWithoutAConstructorOfTheirOwn() {
        Thing t = new Thing("t-1", null);
        t.tags.put("env", "dev");
        t.keys.add(new Key("ssh-rsa", new byte[] {1, 2, 3}, Instant.parse("2026-12-06T10:00:00Z")));
        t.versions.put(2L, new Key("x", new byte[0], null));
        t.index.add("derived");
        t.listener = () -> { };
        t.hidden = 9;
        t.used.set(4);
        t.used.set(130);
        t.filter = PathFilter.builder().sourceAddress("10.0.0.1").build();
        byte[] json = FieldJson.write(t);
        Thing back = FieldJson.read(json, Thing.class);
        assertEquals("t-1", back.id);
        assertEquals(Map.of("env", "dev"), Map.copyOf(back.tags));
        assertArrayEquals(new byte[] {1, 2, 3}, back.keys.get(0).blob());
        assertEquals(Instant.parse("2026-12-06T10:00:00Z"), back.keys.get(0).at());
        assertEquals("x", back.versions.get(2L).type());
        assertTrue(back.index.isEmpty(), "transient fields start as the constructor leaves them");
        assertNull(back.listener);
        assertEquals(9, back.hidden);
        assertEquals(t.used, back.used);
        assertEquals("10.0.0.1", back.filter.sourceAddress());
        assertArrayEquals(json, FieldJson.write(back), "the same value writes the same bytes");
    }
}
