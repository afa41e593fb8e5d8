package io.gureum.sqs;

import io.gureum.core.ids.Arn;
import io.gureum.core.persist.StateRecord;
import io.gureum.core.spi.ServiceContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rebuilds the queues from SQS's records after a restart: each queue with its attributes and tags (back
 * in the resource registry), then its messages, deduplication entries and FIFO receive attempts. Records of a queue that has
 * no queue record (a send that raced its DeleteQueue) are ignored and their removal journaled.
 */
final class SqsRestore {
    private SqsRestore() {
    }

    private record QueueKey(String account, String region, String name) {
    }

    private static final class Found {
        SqsRecords.QueueState queue;
        final List<SqsMessage> messages = new ArrayList<>();
        final List<SqsRecords.DedupState> dedups = new ArrayList<>();
        final List<SqsRecords.AttemptState> attempts = new ArrayList<>();
    }

    static void restore(List<StateRecord> records, SqsQueues queues, ServiceContext context) {
        Map<QueueKey, Found> found = new HashMap<>();
        for (StateRecord r : records) {
            switch (r.kind()) {
                case SqsRecords.QUEUE -> found(found, r, r.key()).queue = r.value(SqsRecords.QueueState.class);
                case SqsRecords.MESSAGE -> found(found, r, queueOf(r.key())).messages.add(
                        r.value(SqsRecords.MessageState.class).toMessage());
                case SqsRecords.DEDUP -> found(found, r, queueOf(r.key())).dedups.add(
                        r.value(SqsRecords.DedupState.class));
                case SqsRecords.ATTEMPT -> found(found, r, queueOf(r.key())).attempts.add(
                        r.value(SqsRecords.AttemptState.class));
                default -> {
                }
            }
        }
        long now = context.clock().now().toEpochMilli();
        for (Map.Entry<QueueKey, Found> e : found.entrySet()) {
            QueueKey k = e.getKey();
            SqsRecords.QueueState s = e.getValue().queue;
            if (s == null) {
                forget(records, k, context);
                continue;
            }
            Arn arn = Arn.of("sqs", k.region(), k.account(), k.name());
            Queue q = new Queue(k.account(), k.region(), k.name(), arn, s.fifo(), s.attributes(), s.createdAt(),
                    queues.records());
            q.restore(s.lastModifiedAt(), s.lastPurgeAt(), e.getValue().messages, e.getValue().dedups, e.getValue().attempts, now);
            context.registry().register(k.account(), k.region(), "sqs", k.name(), arn);
            if (s.tags() != null && !s.tags().isEmpty()) {
                context.registry().tag(arn, s.tags());
            }
            queues.region(k.account(), k.region()).byName.put(k.name(), q);
        }
    }

    /**
     * Journals the removal of the records of a queue that has none of its own (a send that raced its DeleteQueue),
     * so that a queue created later under the same name never finds them at a restart.
     */
    private static void forget(List<StateRecord> records, QueueKey queue, ServiceContext context) {
        for (StateRecord r : records) {
            if (!r.kind().equals(SqsRecords.QUEUE) && r.key().startsWith(queue.name() + "/")
                    && r.account().equals(queue.account()) && r.region().equals(queue.region())) {
                context.state().delete(r.service(), r.account(), r.region(), r.kind(), r.key());
            }
        }
    }

    private static Found found(Map<QueueKey, Found> found, StateRecord r, String queue) {
        return found.computeIfAbsent(new QueueKey(r.account(), r.region(), queue), x -> new Found());
    }

    /** A queue name has no slash, so a message's key {@code queue/id} splits at its first one. */
    private static String queueOf(String key) {
        return key.substring(0, key.indexOf('/'));
    }
}
