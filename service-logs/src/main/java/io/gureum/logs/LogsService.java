package io.gureum.logs;

import io.gureum.core.events.LogEvents;
import io.gureum.core.events.Subscription;
import io.gureum.core.spi.AwsService;
import io.gureum.core.spi.ServiceContext;
import io.gureum.core.spi.ServiceInstance;
import io.gureum.core.time.DueTimer;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Registers CloudWatch Logs with core: the awsJson 1.1 API of 2014-03-28. The providers are the
 * resource families (log groups, streams, events, metric and subscription filters, Logs Insights queries,
 * policies, destinations, export tasks, tags); the instance also appends the {@link LogEvents} other services
 * publish on the event bus, and expires events when the clock moves.
 */
public final class LogsService implements AwsService {
    @Override
    public String name() {
        return "logs";
    }

    @Override
    public String clientInterface() {
        return "software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient";
    }

    /** Lambda's output arrives as events on the bus, before anyone may have called Logs. */
    @Override
    public boolean eager() {
        return true;
    }

    @Override
    public List<Class<?>> providerClasses() {
        return List.of(LogGroups.class, LogStreams.class, Ingestion.class, EventQueries.class, MetricFilters.class,
                Tags.class, Queries.class, QueryDefinitions.class, SubscriptionFilters.class, Destinations.class,
                ResourcePolicies.class, DataProtection.class, FieldIndexes.class, AccountPolicies.class,
                ExportTasks.class, KmsKeys.class, LogGroupListing.class, AnomalyDetectors.class,
                Deliveries.class, LookupTables.class, LogRecords.class, Transformers.class,
                ScheduledQueries.class, StorageTierPolicy.class, SyslogConfigurations.class);
    }

    @Override
    public ServiceInstance create(ServiceContext context) {
        EventBudget budget = EventBudget.fromSystemProperties();
        LogsStores stores = new LogsStores(context.clock(), context.registry());
        Expiry expiry = new Expiry(context.clock(), budget);
        AtomicInteger n = new AtomicInteger();
        // Logs Insights queries, subscription deliveries and export tasks run here, never on a request's thread.
        ExecutorService workers = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "gureum-logs-query-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        SubscriptionDelivery delivery = new SubscriptionDelivery(context.clients(), workers);
        LogsRecords records = new LogsRecords(context.state());
        java.util.concurrent.ScheduledExecutorService timerThread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "gureum-logs-schedule");
            t.setDaemon(true);
            return t;
        });
        DueTimer due = new DueTimer(context.clock(), timerThread, workers);
        LiveTails liveTails = new LiveTails(stores, due, context);
        Ingestion ingestion = new Ingestion(stores, expiry, budget, new MetricFilterEmitter(context.events()),
                delivery, records, liveTails);
        Queries queries = new Queries(stores, expiry, workers, context.ids(), records);
        ScheduledQueryRunner scheduled = new ScheduledQueryRunner(stores, queries, due, context.clients(), records);
        List<Object> providers = List.of(new LogGroups(stores, expiry), new LogStreams(stores, expiry), ingestion,
                new EventQueries(stores, expiry), new MetricFilters(stores), new Tags(stores),
                queries, new QueryDefinitions(stores, context.ids()),
                new SubscriptionFilters(stores, delivery), new Destinations(stores),
                new ResourcePolicies(stores, context.ids()), new DataProtection(stores), new FieldIndexes(stores),
                new AccountPolicies(stores), new ExportTasks(stores, context.clients(), workers, context.ids(), records::record),
                new KmsKeys(stores), new LogGroupListing(stores, expiry), new AnomalyDetectors(stores, context.ids()),
                new Deliveries(stores, context.clients(), context.ids()), new LookupTables(stores), new LogRecords(stores),
                new Transformers(stores), new ScheduledQueries(stores, scheduled),
                new StorageTierPolicy(stores), new SyslogConfigurations(stores));
        Subscription published = context.events().subscribe(LogEvents.class,
                e -> ingestion.publish(stores.all.get(e.account(), e.region()), e, stores.now()));
        Subscription clock = context.clock().onAdvance(() -> {
            expiry.expireAll(stores.all);
            records.recordAll(stores);
        });
        // With --data-dir: an operation that may change a resource holds its store's record lock and records what
        // changed before letting go (ADR 0013). PutLogEvents records its batch only; reads and queries record nothing.
        io.gureum.core.spi.OperationInterceptor recorded = call -> {
            String op = call.operation();
            if (!records.enabled() || op.equals("PutLogEvents") || op.startsWith("Describe") || op.startsWith("Get")
                    || op.startsWith("List") || op.startsWith("Filter") || op.startsWith("Test")
                    || op.equals("StartQuery") || op.equals("StopQuery") || op.equals("StartLiveTail")) {
                return call.proceed();
            }
            LogsStore store = stores.current();
            synchronized (store.recordLock) {
                try {
                    return call.proceed();
                } finally {
                    records.record(store);
                }
            }
        };
        return new ServiceInstance() {
            @Override
            public List<Object> providers() {
                return providers;
            }

            @Override
            public List<io.gureum.core.spi.OperationInterceptor> interceptors() {
                return List.of(recorded);
            }

            /** StartLiveTail, which the operation table lacks (only the SDK's asynchronous client has it). */
            @Override
            public io.gureum.core.http.AwsHttpResponse preOperation(io.gureum.core.http.AwsHttpRequest request) {
                return LiveTails.isStartLiveTail(request) ? liveTails.serve(request) : null;
            }

            /** {@code GET /_gureum/logs/live-tails}: how many Live Tail sessions are open. */
            @Override
            public io.gureum.core.http.AwsHttpResponse adminRequest(io.gureum.core.http.AwsHttpRequest request) {
                if (request.rawPath().equals("/_gureum/logs/live-tails") && request.method().equals("GET")) {
                    return new io.gureum.core.http.AwsHttpResponse(200)
                            .body("{\"sessions\":" + liveTails.open() + "}", "application/json");
                }
                return null;
            }

            @Override
            public void restore(List<io.gureum.core.persist.StateRecord> restored) {
                ingestion.restoredUpTo(LogsRestore.restore(restored, stores, budget, stores.now()));
                records.restored(stores, restored);
                scheduled.armAll(stores);
            }

            @Override
            public void capture(java.util.function.Consumer<io.gureum.core.persist.StateRecord> sink) {
                records.capture(stores, sink);
            }

            @Override
            public void close() {
                liveTails.stopAll();
                published.close();
                clock.close();
                due.close();
                timerThread.shutdownNow();
                workers.shutdownNow();
            }
        };
    }
}
