package io.gureum.dynamodb;

import io.gureum.core.protocol.RequestContext;
import io.gureum.core.spi.ServiceContext;
import io.gureum.core.state.AccountRegionStore;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The state DynamoDB and DynamoDB Streams share on one server: they are two AWS APIs (two SDK clients,
 * two handlers) over the same tables. DynamoDB's handler creates it (again on reset); the Streams
 * handler looks up the current one on each call.
 */
final class DynamoDbState {
    private static final Map<ServiceContext, DynamoDbState> CURRENT = new WeakHashMap<>();
    private static final Map<ServiceContext, Boolean> LISTENING = new WeakHashMap<>();

    final ServiceContext context;
    final AccountRegionStore<Database> databases = new AccountRegionStore<>(Database::new);
    /** TransactWriteItems idempotency: token → (request fingerprint, first answer time), 10 minutes. */
    final Map<String, Transactions.Idempotent> tokens = new ConcurrentHashMap<>();
    final Replication replication;

    private DynamoDbState(ServiceContext context) {
        this.context = context;
        this.replication = new Replication(this);
    }

    static synchronized DynamoDbState fresh(ServiceContext context) {
        DynamoDbState s = new DynamoDbState(context);
        CURRENT.put(context, s);
        if (LISTENING.put(context, Boolean.TRUE) == null) {
            context.clock().onAdvance(() -> current(context).onClockAdvanced());
        }
        return s;
    }

    static synchronized DynamoDbState current(ServiceContext context) {
        DynamoDbState s = CURRENT.get(context);
        return s != null ? s : fresh(context);
    }

    Database database() {
        RequestContext ctx = RequestContext.current();
        return databases.get(ctx.accountId(), ctx.region());
    }

    Database database(String account, String region) {
        return databases.get(account, region);
    }

    void onClockAdvanced() {
        databases.forEach((key, db) -> TimeToLive.expire(this, db));
        replication.drain();
    }
}
