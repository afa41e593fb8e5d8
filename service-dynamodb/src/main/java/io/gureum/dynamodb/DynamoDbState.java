package io.gureum.dynamodb;

import io.gureum.core.protocol.RequestContext;
import io.gureum.core.spi.ServiceContext;
import io.gureum.core.state.AccountRegionStore;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tables DynamoDB and DynamoDB Streams share on one server: two AWS APIs (two SDK clients, two
 * operation tables) over the same data, kept in the server's {@link io.gureum.core.spi.SharedState}.
 * DynamoDB replaces it when it is created and when it is reset; Streams looks up the current one at each
 * call.
 */
final class DynamoDbState {
    final ServiceContext context;
    final DynamoRecords records;
    final AccountRegionStore<Database> databases;
    /** TransactWriteItems idempotency: token → (request fingerprint, first answer time), 10 minutes. */
    final Map<String, Transactions.Idempotent> tokens = new ConcurrentHashMap<>();
    final Replication replication;
    /** Global tables of version 2017.11.29 by account and name; they span regions, so they live here. */
    final Map<String, LegacyGlobalTables.GlobalTable> legacyGlobalTables = new ConcurrentHashMap<>();

    private DynamoDbState(ServiceContext context) {
        this.context = context;
        this.records = new DynamoRecords(context);
        this.databases = new AccountRegionStore<>((a, r) -> new Database(a, r, records));
        this.replication = new Replication(this);
    }

    /** Empty state, made the current one (DynamoDB's, on create and on reset). */
    static DynamoDbState fresh(ServiceContext context) {
        return context.shared().replace(DynamoDbState.class, new DynamoDbState(context));
    }

    /** The current state (for Streams): DynamoDB's, or an empty one before DynamoDB's first use. */
    static DynamoDbState current(ServiceContext context) {
        return context.shared().get(DynamoDbState.class, () -> new DynamoDbState(context));
    }

    Database database() {
        RequestContext ctx = RequestContext.current();
        return databases.get(ctx.accountId(), ctx.region());
    }

    Database database(String account, String region) {
        return databases.get(account, region);
    }

    /** Expires items whose TTL has passed and applies pending replication, after the clock moved. */
    void onClockAdvanced() {
        databases.forEach((key, db) -> TimeToLive.expire(this, db));
        replication.drain();
    }
}
