package io.gureum.logs;

import io.gureum.core.events.LogEvents;
import io.gureum.core.events.Subscription;
import io.gureum.core.spi.AwsService;
import io.gureum.core.spi.ServiceContext;
import io.gureum.core.spi.ServiceInstance;
import java.util.List;

/**
 * Registers CloudWatch Logs with core: the awsJson 1.1 API of 2014-03-28. The providers are the
 * resource families {@link LogGroups}, {@link LogStreams}, {@link Ingestion}, {@link EventQueries},
 * {@link MetricFilters} and {@link Tags}; the instance also appends the {@link LogEvents} other services
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
                Tags.class);
    }

    @Override
    public ServiceInstance create(ServiceContext context) {
        EventBudget budget = EventBudget.fromSystemProperties();
        LogsStores stores = new LogsStores(context.clock(), context.registry());
        Expiry expiry = new Expiry(context.clock(), budget);
        Ingestion ingestion = new Ingestion(stores, expiry, budget, new MetricFilterEmitter(context.events()));
        List<Object> providers = List.of(new LogGroups(stores, expiry), new LogStreams(stores, expiry), ingestion,
                new EventQueries(stores, expiry), new MetricFilters(stores), new Tags(stores));
        Subscription published = context.events().subscribe(LogEvents.class,
                e -> ingestion.publish(stores.all.get(e.account(), e.region()), e, stores.now()));
        Subscription clock = context.clock().onAdvance(() -> expiry.expireAll(stores.all));
        return new ServiceInstance() {
            @Override
            public List<Object> providers() {
                return providers;
            }

            @Override
            public void close() {
                published.close();
                clock.close();
            }
        };
    }
}
