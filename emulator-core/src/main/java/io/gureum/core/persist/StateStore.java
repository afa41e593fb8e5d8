package io.gureum.core.persist;

import java.util.concurrent.CompletableFuture;

/**
 * Where services record the state they must find again after a restart ({@code ServiceContext.state()}).
 *
 * <p>The contract every service follows (docs/adr/0013-state-that-survives.md):
 * <ul>
 * <li>after changing its in-memory state, a service {@link #put puts} the changed resource's record (or
 *     {@link #delete deletes} it) <em>while still holding the lock that serialised the change</em>, so that
 *     the journal's order of two changes to one record is the memory's order;</li>
 * <li>times that run on the clock (visibility deadlines, TTLs, delays) are written as absolute core-clock
 *     instants: core persists the clock's offset, so they mean the same after a restart;</li>
 * <li>{@code ServiceInstance.restore(records)} rebuilds the memory from the records before the server
 *     accepts requests, and {@code ServiceInstance.capture(sink)} writes every live record for a snapshot;</li>
 * <li>a reset of an API clears its records ({@link #clear}); core does that, not the service.</li>
 * </ul>
 * Without {@code --data-dir} this is {@link #NONE}: {@link #enabled()} is false and nothing is written;
 * services skip building records then.
 */
public interface StateStore {

    /** Whether changes are journaled (a data directory is configured). */
    boolean enabled();

    /** Records {@code value} (written as JSON) under the record's identity, replacing what was there. */
    void put(String service, String account, String region, String kind, String key, Object value);

    /**
     * Records a record as it is, its value already JSON (an imported record, which the service restored
     * rather than wrote); nothing without a data directory.
     */
    default void putRecord(StateRecord record) {
    }

    /**
     * Runs {@code changes}, journaling every {@link #put}, {@link #putRecord}, {@link #delete} and {@link #clear} this
     * thread makes meanwhile as one journal frame, written when {@code changes} returns (or throws): a crash finds all
     * of them or none, where separate records could be cut between two (DynamoDB's TransactWriteItems, an SQS FIFO
     * message with its deduplication entry). Call it under the lock that serialises the changes, as for a single
     * record; a call inside another joins the outer group. The body must not wait for its own changes to be durable
     * (they are not appended before it returns) nor hand them to another thread (those are not in the group).
     * Without a data directory it just runs {@code changes}.
     */
    default void atomically(Runnable changes) {
        changes.run();
    }

    /** Removes a record. */
    void delete(String service, String account, String region, String kind, String key);

    /** Removes every record of an API (its reset). */
    void clear(String service);

    /** Removes every record (a full reset). */
    void clearAll();

    /**
     * Whether the data directory held records of this API when the server started (a service whose files
     * outlive its records, S3's object bytes, removes the files no record names when it had none).
     */
    default boolean hadRecords(String service) {
        return false;
    }

    /** Marks the start of a request on this thread: {@link #durableForThread} covers what it writes from now on. */
    default void beginRequest() {
    }

    /** Completes when everything this thread appended since {@link #beginRequest} is on the disk. */
    default CompletableFuture<Void> durableForThread() {
        return CompletableFuture.completedFuture(null);
    }

    /** Completes when everything appended so far, by any thread, is on the disk. */
    default CompletableFuture<Void> durableNow() {
        return CompletableFuture.completedFuture(null);
    }

    /** Persistence off: nothing is recorded. */
    StateStore NONE = new StateStore() {
        @Override
        public boolean enabled() {
            return false;
        }

        @Override
        public void put(String service, String account, String region, String kind, String key, Object value) {
        }

        @Override
        public void delete(String service, String account, String region, String kind, String key) {
        }

        @Override
        public void clear(String service) {
        }

        @Override
        public void clearAll() {
        }
    };
}
