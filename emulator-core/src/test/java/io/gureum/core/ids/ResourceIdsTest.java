package io.gureum.core.ids;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ResourceIdsTest {

    private final ResourceIds ids = new ResourceIds();

    @Test
    void nextIsPrefixDashAnd17LowercaseHex() {
        assertTrue(ids.next("vpc").matches("vpc-[0-9a-f]{17}"));
        assertTrue(ids.next("subnet").matches("subnet-[0-9a-f]{17}"));
    }

    @Test
    void nextRejectsEmptyPrefix() {
        assertThrows(IllegalArgumentException.class, () -> ids.next(""));
        assertThrows(IllegalArgumentException.class, () -> ids.next(null));
    }

    @Test
    void hexHasRequestedLength() {
        assertEquals("", ids.hex(0));
        assertTrue(ids.hex(32).matches("[0-9a-f]{32}"));
        assertThrows(IllegalArgumentException.class, () -> ids.hex(-1));
    }

    @Test
    void seededRandomIsDeterministic() {
        ResourceIds a = new ResourceIds(new Random(42));
        ResourceIds b = new ResourceIds(new Random(42));
        for (int i = 0; i < 5; i++) {
            assertEquals(a.next("i"), b.next("i"));
            assertEquals(a.requestId(), b.requestId());
            assertEquals(a.accessKeyId(), b.accessKeyId());
        }
        assertNotEquals(new ResourceIds(new Random(1)).next("i"), new ResourceIds(new Random(2)).next("i"));
    }

    @Test
    void idsDoNotRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            assertTrue(seen.add(ids.next("vol")));
        }
    }

    @Test
    void requestIdIsAVersion4Uuid() {
        String id = ids.requestId();
        assertTrue(id.matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"), id);
        UUID uuid = UUID.fromString(id);
        assertEquals(4, uuid.version());
        assertEquals(2, uuid.variant());
    }

    @Test
    void accessKeysLookLikeAws() {
        assertTrue(ids.accessKeyId().matches("AKIA[A-Z2-7]{16}"));
        assertTrue(ids.temporaryAccessKeyId().matches("ASIA[A-Z2-7]{16}"));
        assertTrue(ids.secretAccessKey().matches("[A-Za-z0-9+/]{40}"));
    }
}
