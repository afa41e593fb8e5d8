package io.gureum.dynamodb;

import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Global tables (version 2019.11.21): every change to a table with replicas is copied to the same
 * table in the other regions of the emulator, asynchronously and in order, last writer wins
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/V2globaltables_HowItWorks.html).
 */
final class Replication {
    record Change(String account, String fromRegion, String table, Map<String, AttributeValue> key,
            Map<String, AttributeValue> item) {
    }

    private static final ExecutorService WORKER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "gureum-dynamodb-replication");
        t.setDaemon(true);
        return t;
    });

    private final DynamoDbState state;
    private final ConcurrentLinkedQueue<Change> queue = new ConcurrentLinkedQueue<>();

    Replication(DynamoDbState state) {
        this.state = state;
    }

    void enqueue(Change c) {
        queue.add(c);
        WORKER.execute(this::drain);
    }

    /** Applies every queued change to the other replicas. */
    synchronized void drain() {
        Change polled;
        while ((polled = queue.poll()) != null) {
            Change c = polled;
            Database source = state.database(c.account(), c.fromRegion());
            Table origin = source.read(() -> source.tables.get(c.table()));
            if (origin == null) {
                continue;
            }
            for (String region : origin.replicaRegions) {
                if (region.equals(c.fromRegion())) {
                    continue;
                }
                Database target = state.database(c.account(), region);
                Change change = c;
                target.write(() -> {
                    Table t = target.tables.get(change.table());
                    if (t == null) {
                        return null;
                    }
                    Map<String, AttributeValue> old = change.item() == null ? t.delete(change.key()) : t.put(change.item());
                    Items.changed(state, target, t, old, change.item() == null ? null : t.get(change.key()), false, false);
                    return null;
                });
            }
        }
    }
}
