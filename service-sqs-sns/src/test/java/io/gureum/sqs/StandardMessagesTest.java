package io.gureum.sqs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StandardMessagesTest {

    private static SqsMessage message(int i, long now) {
        SqsMessage m = new SqsMessage("m" + i, "b", Map.of(), null, now, "me", null, null, null);
        m.visibleAt = now;
        return m;
    }

    @Test
    void deliversInArrivalOrderAndHidesInFlightMessages() {
        StandardMessages s = new StandardMessages();
        for (int i = 0; i < 5; i++) {
            s.add(message(i, 0), 0);
        }
        List<SqsMessage> first = s.take(0, 3, m -> MessageStore.Decision.DELIVER);
        assertEquals(List.of("m0", "m1", "m2"), first.stream().map(m -> m.id).toList());
        for (SqsMessage m : first) {
            m.receiveCount++;
            m.version++;
            m.visibleAt = 30_000;
            s.visibilityChanged(m, 0);
        }
        assertEquals(List.of("m3", "m4"), s.take(0, 10, m -> MessageStore.Decision.DELIVER).stream().map(m -> m.id).toList());
        assertTrue(s.take(29_999, 10, m -> MessageStore.Decision.DELIVER).isEmpty());
        assertEquals(30_000, s.nextDueAt(0));
        assertEquals(3, s.take(30_000, 10, m -> MessageStore.Decision.DELIVER).size());
    }

    @Test
    void staleEntriesOfDeletedMessagesDoNotAccumulate() {
        StandardMessages s = new StandardMessages();
        for (int i = 0; i < 50_000; i++) {
            SqsMessage m = message(i, 0);
            s.add(m, 0);
            for (SqsMessage got : s.take(0, 1, x -> MessageStore.Decision.DELIVER)) {
                got.version++;
                got.visibleAt = 43_200_000; // 12 hours in flight
                s.visibilityChanged(got, 0);
                got.deleted = true;
                s.remove(got);
            }
        }
        assertTrue(s.indexedEntries() < 10_000, "entries: " + s.indexedEntries());
    }
}
