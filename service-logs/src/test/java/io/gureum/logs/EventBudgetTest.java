package io.gureum.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class EventBudgetTest {
    private static StoredEvent event(long seq, int bytes) {
        return new StoredEvent(seq, seq, "x".repeat(bytes - StoredEvent.OVERHEAD), seq);
    }

    @Test
    void dropsTheOldestIngestedEventsOnceOverBudget() {
        EventBudget budget = new EventBudget(300);
        LogStream a = new LogStream("a", 0, "arn-a");
        LogStream b = new LogStream("b", 0, "arn-b");
        List<StoredEvent> first = List.of(event(1, 100), event(2, 100));
        a.append(first);
        budget.added(a, first);
        List<StoredEvent> second = List.of(event(3, 100), event(4, 100));
        b.append(second);
        budget.added(b, second);
        assertEquals(List.of(event(2, 100)), a.all());
        assertEquals(second, b.all());
        assertEquals(300, budget.bytes());
        assertEquals(3, budget.events());
    }

    @Test
    void countsRemovalsAndCompactsItsQueue() {
        EventBudget budget = new EventBudget(1_000_000);
        LogStream s = new LogStream("s", 0, "arn");
        for (int i = 0; i < 3000; i++) {
            List<StoredEvent> one = List.of(event(i, 30));
            s.append(one);
            budget.added(s, one);
            budget.removed(s.expire(Long.MAX_VALUE));
        }
        assertEquals(0, budget.bytes());
        assertEquals(0, budget.events());
        assertEquals(0, s.size());
    }
}
