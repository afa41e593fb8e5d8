package io.gureum.sqs;

import java.util.List;

/**
 * Which message a receive gets next. Two orders exist: a standard queue hands out whatever is visible
 * (oldest first here; AWS promises no order), a FIFO queue hands out messages of a group in order
 * and never while an earlier one of the group is in flight. Not thread-safe: the owning
 * {@link Queue} holds its lock around every call.
 */
interface MessageStore {

    /** What to do with a visible candidate. */
    enum Decision { DELIVER, DROP }

    interface Decider {
        Decision decide(SqsMessage m);
    }

    void add(SqsMessage m, long now);

    /** Re-indexes a message whose visibleAt changed (its version has already been bumped). */
    void visibilityChanged(SqsMessage m, long now);

    /**
     * Up to {@code max} visible messages in delivery order. Candidates the decider drops (expired,
     * moved to a dead-letter queue) leave the store.
     */
    List<SqsMessage> take(long now, int max, Decider decider);

    void remove(SqsMessage m);

    /** Whether a receive now would find something (ignoring retention and redrive). */
    boolean hasReceivable(long now);

    /** The earliest future time a message becomes visible, or {@link Long#MAX_VALUE}. */
    long nextDueAt(long now);

    void clear();
}
