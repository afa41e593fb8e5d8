package io.gureum.dynamodb;

import io.gureum.core.events.Subscription;
import io.gureum.core.spi.AwsService;
import io.gureum.core.spi.OperationInterceptor;
import io.gureum.core.spi.ServiceContext;
import io.gureum.core.spi.ServiceInstance;
import java.util.List;

/**
 * Registers DynamoDB with core: one provider per resource family, all behind {@link TableLocks}. The
 * tables live in {@link DynamoDbState}, which DynamoDB Streams reads.
 */
public final class DynamoDbService implements AwsService {
    private static final java.util.Set<String> INLINE = java.util.Set.of("ListTables", "DescribeTable", "GetItem",
            "PutItem", "UpdateItem", "DeleteItem", "Query", "Scan", "BatchGetItem", "BatchWriteItem",
            "TransactGetItems", "TransactWriteItems");

    @Override
    public String name() {
        return "dynamodb";
    }

    /** Signed as {@code dynamodb}, as DynamoDB Streams is; core tells them apart by {@code X-Amz-Target}. */
    @Override
    public List<String> signingNames() {
        return List.of("dynamodb");
    }

    @Override
    public String clientInterface() {
        return "software.amazon.awssdk.services.dynamodb.DynamoDbClient";
    }

    /** DynamoDB signs every response body with a CRC32 header: {@link DynamoDbQuirks}. */
    @Override
    public io.gureum.core.spi.ProtocolQuirks quirks() {
        return new DynamoDbQuirks();
    }

    @Override
    public List<Class<?>> providerClasses() {
        return List.of(Tables.class, TableTags.class, TimeToLive.class, AccountSettings.class, Items.class,
                Queries.class, Batches.class, Transactions.class, PartiQl.class, Backups.class, ContinuousBackups.class, ResourcePolicies.class, ContributorInsights.class,
                KinesisDestinations.class, Exports.class, Imports.class, LegacyGlobalTables.class,
                GlobalTableSettings.class, ReplicaAutoScaling.class, VectorSearch.class);
    }

    @Override
    public ServiceInstance create(ServiceContext context) {
        DynamoDbState state = DynamoDbState.fresh(context);
        // Exports and imports talk to S3 off the request threads, as AWS runs them in the background.
        java.util.concurrent.ExecutorService workers = io.gureum.core.time.ServiceThreads.workers("dynamodb-transfer-", 2);
        Tables tables = new Tables(state);
        Items items = new Items(state, tables);
        Transactions transactions = new Transactions(state, tables);
        Exports exports = new Exports(state, tables, workers);
        Imports imports = new Imports(state, tables, workers);
        List<Object> providers = List.of(tables, new TableTags(state), new TimeToLive(state, tables),
                new AccountSettings(), items, new Queries(state, tables), new Batches(state, tables, items),
                transactions, new PartiQl(state, tables), new Backups(state, tables), new ContinuousBackups(state, tables), new ResourcePolicies(state),
                new ContributorInsights(state, tables), new KinesisDestinations(state, tables),
                exports, imports, new LegacyGlobalTables(state),
                new GlobalTableSettings(state, tables), new ReplicaAutoScaling(state, tables),
                new VectorSearch(state, tables));
        List<OperationInterceptor> interceptors = List.of(new DynamoDbMetrics(context), new TableLocks(state));
        // Items expire and replicas catch up when the clock moves, outside any request.
        Subscription clock = context.clock().onAdvance(state::onClockAdvanced);
        TableResourceAccess access = new TableResourceAccess(() -> state);
        return new ServiceInstance() {
            @Override
            public List<Object> providers() {
                return providers;
            }

            @Override
            public List<OperationInterceptor> interceptors() {
                return interceptors;
            }

            /**
             * Item and table reads and item writes work on tables in memory under the Region's lock, which no
             * thread holds while it waits (exports copy under it and write to S3 after), so they may be answered
             * on the event loop (ADR 0018).
             */
            @Override
            public boolean answersInline(io.gureum.core.http.AwsHttpRequest request, String operation) {
                return INLINE.contains(operation);
            }

            /** A table's, index's or stream's owner and resource-based policy. */
            @Override
            public io.gureum.core.spi.ResourceAccess resourceAccess(String resourceArn) {
                return access.of(resourceArn);
            }

            @Override
            public void restore(List<io.gureum.core.persist.StateRecord> records) {
                state.records.restore(records, state);
                exports.resume();
                imports.resume();
            }

            @Override
            public void capture(java.util.function.Consumer<io.gureum.core.persist.StateRecord> sink) {
                state.records.capture(state, sink);
            }

            /** Drops the tables at once, for Streams too, rather than at DynamoDB's next use. */
            @Override
            public void close() {
                clock.close();
                workers.shutdownNow();
                DynamoDbState.fresh(context);
            }
        };
    }
}
