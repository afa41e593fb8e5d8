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
            Dashboards.class, AnomalyDetectors.class, Tags.class);

    private final ScheduledThreadPoolExecutor timer;
    private final ExecutorService workers;
    private final DueTimer due;
    private final List<Object> providers;
    private final Subscription metrics;
    private final Subscription clock;

    CloudWatchInstance(ServiceContext context) {
        CloudWatchStores stores = new CloudWatchStores(context.clock());
        this.timer = ServiceThreads.timer("gureum-cloudwatch-timer");
        this.workers = ServiceThreads.workers("gureum-cloudwatch-worker-", 2);
        this.due = new DueTimer(context.clock(), timer, workers);
        AlarmEngine engine = new AlarmEngine(context, stores, due, workers);
        this.providers = List.of(new Metrics(stores), new MetricData(stores), new Alarms(stores, engine, context.registry()),
                new Dashboards(stores), new AnomalyDetectors(stores), new Tags(stores));
        MetricIngest ingest = new MetricIngest(stores);
        this.metrics = context.events().subscribe(ServiceMetric.class, ingest::accept);
        Runnable expire = () -> stores.all.forEach((k, s) -> s.metrics.expire(stores.now()));
        this.clock = context.clock().onAdvance(expire);
        timer.scheduleWithFixedDelay(expire, 1, 1, TimeUnit.HOURS);
    }


    @Override
    public List<Object> providers() {
        return providers;
    }

    @Override
    public void close() {
        metrics.close();
        clock.close();
        due.close();
        timer.shutdownNow();
        workers.shutdownNow();
    }
}
