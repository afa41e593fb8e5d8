package io.gureum.sqs;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A FIFO queue's delivery order: one deque per message group, in arrival order. A group is locked
 * while any of its messages is in flight, so a group's messages are never received out of order or
 * by two consumers at once; a receive takes consecutive messages of the same group where it can, as
 * AWS does. See
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/FIFO-queues-understanding-logic.html
 */
final class FifoMessages implements MessageStore {
    private final Map<String, ArrayDeque<SqsMessage>> groups = new LinkedHashMap<>();

    @Override
    public void add(SqsMessage m, long now) {
        groups.computeIfAbsent(m.groupId, g -> new ArrayDeque<>()).addLast(m);
    }

    @Override
    public void visibilityChanged(SqsMessage m, long now) {
        // Order is by group position; visibility is read from the message.
    }

    @Override
    public List<SqsMessage> take(long now, int max, Decider decider) {
        List<SqsMessage> out = new ArrayList<>(Math.min(max, 10));
        for (Iterator<ArrayDeque<SqsMessage>> groupIt = groups.values().iterator();
                groupIt.hasNext() && out.size() < max; ) {
            ArrayDeque<SqsMessage> group = groupIt.next();
            if (locked(group, now)) {
                continue;
            }
            for (Iterator<SqsMessage> it = group.iterator(); it.hasNext() && out.size() < max; ) {
                SqsMessage m = it.next();
                if (m.deleted) {
                    it.remove();
                    continue;
                }
                if (!m.visible(now)) {
                    break; // a delayed message holds back the rest of its group
                }
                if (decider.decide(m) == Decision.DELIVER) {
                    out.add(m);
                } else {
                    it.remove();
                }
            }
            if (group.isEmpty()) {
                groupIt.remove();
            }
        }
        return out;
    }

    private static boolean locked(ArrayDeque<SqsMessage> group, long now) {
        for (SqsMessage m : group) {
            if (m.deleted) {
                continue;
            }
            if (m.inFlight(now)) {
                return true;
            }
            if (m.receiveCount == 0) {
                return false; // in-flight messages are always a prefix of the group
            }
        }
        return false;
    }

    @Override
    public void remove(SqsMessage m) {
        ArrayDeque<SqsMessage> group = groups.get(m.groupId);
        if (group != null) {
            group.remove(m);
            if (group.isEmpty()) {
                groups.remove(m.groupId);
            }
        }
    }

    @Override
    public boolean hasReceivable(long now) {
        for (ArrayDeque<SqsMessage> group : groups.values()) {
            if (locked(group, now)) {
                continue;
            }
            for (SqsMessage m : group) {
                if (!m.deleted) {
                    if (m.visible(now)) {
                        return true;
                    }
                    break;
                }
            }
        }
        return false;
    }

    @Override
    public long nextDueAt(long now) {
        long next = Long.MAX_VALUE;
        for (ArrayDeque<SqsMessage> group : groups.values()) {
            for (SqsMessage m : group) {
                if (!m.deleted) {
                    if (m.visibleAt > now) {
                        next = Math.min(next, m.visibleAt);
                    }
                    break;
                }
            }
        }
        return next;
    }

    @Override
    public void clear() {
        groups.clear();
    }
}
