package io.gureum.sqs;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * A standard queue's delivery order: a deque of visible messages and a timer heap of delayed and
 * in-flight ones, both with lazily discarded stale entries, so that send, receive and delete stay
 * O(log n) however many messages wait.
 */
final class StandardMessages implements MessageStore {
    private record Entry(SqsMessage m, long version, long at) {
        boolean live() {
            return !m.deleted && m.version == version;
        }
    }

    // Both sized at first use, not at 17 and 11 slots: an idle queue holds 2 slots instead of 28.
    private final ArrayDeque<Entry> ready = new ArrayDeque<>(0);
    private final PriorityQueue<Entry> timed = new PriorityQueue<>(1, (a, b) -> Long.compare(a.at, b.at));
    /** Deletes since the last compaction: most of them leave a stale in-flight entry in {@code timed}. */
    private int removedSinceCompaction;

    @Override
    public void add(SqsMessage m, long now) {
        index(m, now);
    }

    @Override
    public void visibilityChanged(SqsMessage m, long now) {
        index(m, now);
    }

    private void index(SqsMessage m, long now) {
        Entry e = new Entry(m, m.version, m.visibleAt);
        if (m.visibleAt <= now) {
            ready.addLast(e);
        } else {
            timed.add(e);
        }
    }

    private void promote(long now) {
        while (!timed.isEmpty() && timed.peek().at <= now) {
            Entry e = timed.poll();
            if (e.live()) {
                ready.addLast(e);
            }
        }
    }

    @Override
    public List<SqsMessage> take(long now, int max, Decider decider) {
        promote(now);
        List<SqsMessage> out = new ArrayList<>(Math.min(max, 10));
        while (out.size() < max && !ready.isEmpty()) {
            Entry e = ready.pollFirst();
            if (!e.live()) {
                continue;
            }
            if (decider.decide(e.m) == Decision.DELIVER) {
                out.add(e.m);
            }
        }
        return out;
    }

    @Override
    public void remove(SqsMessage m) {
        // Entries go stale through m.deleted and are dropped when reached; with long visibility
        // timeouts that can be hours away, so the heap is rebuilt once most of it is stale.
        if (++removedSinceCompaction > 4096 && removedSinceCompaction > timed.size() / 2) {
            timed.removeIf(e -> !e.live());
            removedSinceCompaction = 0;
        }
    }

    @Override
    public boolean hasReceivable(long now) {
        promote(now);
        while (!ready.isEmpty() && !ready.peekFirst().live()) {
            ready.pollFirst();
        }
        return !ready.isEmpty();
    }

    @Override
    public long nextDueAt(long now) {
        while (!timed.isEmpty() && !timed.peek().live()) {
            timed.poll();
        }
        return timed.isEmpty() ? Long.MAX_VALUE : timed.peek().at;
    }

    /** Index entries held, live or stale (for tests of memory use). */
    int indexedEntries() {
        return ready.size() + timed.size();
    }

    @Override
    public void clear() {
        ready.clear();
        timed.clear();
    }
}
