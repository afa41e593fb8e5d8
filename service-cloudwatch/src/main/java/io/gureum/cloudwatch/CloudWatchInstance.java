package io.gureum.cloudwatch;

import io.gureum.cloudwatch.alarms.AlarmEngine;
import io.gureum.cloudwatch.alarms.Alarms;
import io.gureum.core.events.ServiceMetric;
import io.gureum.core.events.Subscription;
import io.gureum.core.spi.ServiceContext;
import io.gureum.core.spi.ServiceInstance;
import io.gureum.core.time.DueTimer;
import io.gureum.core.time.ServiceThreads;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
/**
 * One server's CloudWatch: the stores, the providers, the alarm timer and its workers, the subscription to
 * the metrics services publish, and the hourly roll-up of old data (also run when the clock is advanced).
 */
final class CloudWatchInstance implements ServiceInstance {
    static final List<Class<?>> PROVIDER_CLASSES = List.of(Metrics.class, MetricData.class, Alarms.class,
            Dashboards.class, AnomalyDetectors.class, Tags.class, io.gureum.cloudwatch.contributors.InsightRules.class,
            io.gureum.cloudwatch.streams.MetricStreams.class, io.gureum.cloudwatch.alarms.MuteRules.class,
            OTelEnrichment.class);

    private final ScheduledThreadPoolExecutor timer;
    private final ExecutorService workers;
    private final DueTimer due;
    private final List<Object> providers;
    private final Subscription metrics;
    private final Subscription clock;
    private final CloudWatchRecords records;
    private final CloudWatchStores stores;
    private final AlarmEngine engine;
    private final io.gureum.core.state.ResourceRegistry registry;
    /**
     * With --data-dir: an operation that may change an alarm, a dashboard or a detector holds the store's alarm book
     * lock and records what changed before letting go (ADR 0013); PutMetricData records its buckets as it stores them.
     */
    private final io.gureum.core.spi.OperationInterceptor recorded;

    CloudWatchInstance(ServiceContext context) {
        CloudWatchStores stores = new CloudWatchStores(context.clock());
        this.timer = ServiceThreads.timer("gureum-cloudwatch-timer");
        this.workers = ServiceThreads.workers("gureum-cloudwatch-worker-", 2);
        this.due = new DueTimer(context.clock(), timer, workers);
        AlarmEngine engine = new AlarmEngine(context, stores, due, workers);
        this.records = new CloudWatchRecords(context.state(), engine.records());
        this.stores = stores;
        this.engine = engine;
        this.registry = context.registry();
        if (records.enabled()) {
            stores.onCreate(store -> store.metrics.recordTo(records.buckets(store)));
            // The metrics services publish are recorded in batches, a few seconds apart.
            timer.scheduleWithFixedDelay(this::flush, 5, 5, TimeUnit.SECONDS);
        }
        var insightRules = new io.gureum.cloudwatch.contributors.InsightRules(stores, context.registry(),
                new io.gureum.cloudwatch.contributors.Report(context));
        engine.insights(insightRules::metricsOf);
        this.providers = List.of(new Metrics(stores), new MetricData(stores, insightRules::metric),
                new Alarms(stores, engine, context.registry()),
                new Dashboards(stores), new AnomalyDetectors(stores), new Tags(stores), insightRules,
                new io.gureum.cloudwatch.streams.MetricStreams(stores, context.registry()),
                new io.gureum.cloudwatch.alarms.MuteRules(stores, engine, context.registry()),
                new OTelEnrichment(stores));
        MetricIngest ingest = new MetricIngest(stores);
        this.metrics = context.events().subscribe(ServiceMetric.class, ingest::accept);
        Runnable expire = () -> stores.all.forEach((k, s) -> s.metrics.expire(stores.now()));
        this.recorded = call -> {
            String op = call.operation();
            if (!records.enabled() || op.equals("PutMetricData") || op.startsWith("Describe") || op.startsWith("Get")
                    || op.startsWith("List")) {
                return call.proceed();
            }
            CloudWatchStore store = stores.current();
            synchronized (store.alarms) {
                try {
                    return call.proceed();
                } finally {
                    records.record(store);
                }
            }
        };
        this.clock = context.clock().onAdvance(expire);
        timer.scheduleWithFixedDelay(expire, 1, 1, TimeUnit.HOURS);
    }


    @Override
    public List<Object> providers() {
        return providers;
    }

    @Override
    public List<io.gureum.core.spi.OperationInterceptor> interceptors() {
        return List.of(recorded);
    }

    @Override
    public void restore(List<io.gureum.core.persist.StateRecord> restored) {
        records.restore(restored, stores, registry, engine);
    }

    @Override
    public void capture(java.util.function.Consumer<io.gureum.core.persist.StateRecord> sink) {
        records.capture(stores, sink);
    }

    private void flush() {
        try {
            stores.all.forEach((k, s) -> s.metrics.flush());
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(CloudWatchInstance.class).warn("Recording metric data failed", e);
        }
    }

    /** On stop and on reset (before core clears the records): what services published last is recorded. */
    @Override
    public void close() {
        if (records.enabled()) {
            flush();
        }
        metrics.close();
        clock.close();
        due.close();
        timer.shutdownNow();
        workers.shutdownNow();
    }
}
