package io.gureum.events;

import io.gureum.core.events.ServiceEvent;
import io.gureum.core.events.Subscription;
import io.gureum.core.spi.OperationInterceptor;
import io.gureum.core.spi.ResourceAccess;
import io.gureum.core.spi.ServiceContext;
import io.gureum.core.spi.ServiceInstance;
import io.gureum.core.time.DueTimer;
import io.gureum.core.time.ServiceThreads;
import io.gureum.events.delivery.Attempts;
import io.gureum.events.delivery.TargetSender;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.function.Supplier;

/**
 * EventBridge on one running server: the providers, one timer thread and two delivery workers, the
 * subscription to services' events. Closed on reset and shutdown: timers, deliveries and the
 * subscription stop.
 */
final class EventsInstance implements ServiceInstance {
    static final List<Class<?>> PROVIDERS = List.of(EventBuses.class, Permissions.class, Rules.class, Targets.class,
            PutEvents.class, Archives.class, Replays.class, Tags.class, Connections.class, ApiDestinations.class,
            Endpoints.class);

    private final ScheduledThreadPoolExecutor timer;
    private final ExecutorService workers;
    private final DueTimer due;
    private final Subscription subscription;
    private final List<Object> providers;
    private final List<OperationInterceptor> interceptors;
    private final EventsRecords records;
    private final Schedules schedules;
    private final Replays replays;
    private final BusResourceAccess resourceAccess;
    private final OAuthAuthorizer oauth;
    private final Attempts attempts;
    private final EventsStores stores;
    private final ServiceContext context;

    EventsInstance(ServiceContext context) {
        this.timer = ServiceThreads.timer("gureum-events-timer");
        this.workers = ServiceThreads.workers("gureum-events-delivery-", 2);
        this.due = new DueTimer(context.clock(), timer, workers);
        EventsStores stores = new EventsStores(context);
        this.resourceAccess = new BusResourceAccess(stores);
        Supplier<String> ids = context.ids()::requestId;
        Router router = new Router(stores);
        io.gureum.events.delivery.HttpInvoker http = new io.gureum.events.delivery.HttpInvoker(workers);
        this.oauth = new OAuthAuthorizer(stores, http, workers);
        Attempts attempts = new Attempts(new TargetSender(context.clients(), router,
                new ApiDestinationCalls(stores, http, oauth)), context.clients(), context.clock(), due, workers);
        router.attempts(attempts);
        this.attempts = attempts;
        this.stores = stores;
        this.context = context;
        Schedules schedules = new Schedules(stores, due, attempts, ids);
        Archives archives = new Archives(stores);
        this.records = new EventsRecords(context.state(), stores);
        router.state(context.state());
        router.records(records);
        oauth.recordWith(records::record);
        attempts.onFinished(job -> records.deliveryFinished(stores.get(job.ruleAccount(), job.ruleRegion()),
                Router.key(job)));
        this.replays = new Replays(stores, archives, router, due, records);
        this.providers = List.of(new EventBuses(stores), new Permissions(stores), new Rules(stores, schedules),
                new Targets(stores), new PutEvents(stores, router, ids), archives, replays, new Tags(stores),
                new Connections(stores, oauth), new ApiDestinations(stores), new Endpoints(stores));
        this.schedules = schedules;
        this.interceptors = List.of(new StoreLock(stores, records));
        ServiceEvents serviceEvents = new ServiceEvents(stores, router, ids);
        this.subscription = context.events().subscribe(ServiceEvent.class, serviceEvents::accept);
    }


    @Override
    public List<Object> providers() {
        return providers;
    }

    @Override
    public List<OperationInterceptor> interceptors() {
        return interceptors;
    }

    /** An event bus's owner and resource-based policy. */
    @Override
    public ResourceAccess resourceAccess(String resourceArn) {
        return resourceAccess.of(resourceArn);
    }

    @Override
    public void restore(List<io.gureum.core.persist.StateRecord> restored) {
        var unfinished = records.restore(restored, schedules);
        // The deliveries the records held, taken before anything (a resumed replay) adds its own.
        java.util.Map<EventsStore, List<EventsRecords.DeliveryRecord>> deliveries = new java.util.HashMap<>();
        stores.forEach(store -> {
            synchronized (store) {
                deliveries.put(store, new java.util.ArrayList<>(store.pending.values()));
            }
        });
        unfinished.forEach(e -> replays.resume(e.getKey(), e.getValue()));
        whenBound(() -> resumeDeliveries(deliveries));
    }

    /**
     * Deliveries and OAuth authorizations unfinished at the stop start again once the server listens: by then every
     * API's state is restored, so the targets and secrets they reach are there.
     */
    private void resumeDeliveries(java.util.Map<EventsStore, List<EventsRecords.DeliveryRecord>> deliveries) {
        stores.forEach(store -> {
            List<io.gureum.events.delivery.DeliveryJob> jobs = new java.util.ArrayList<>();
            synchronized (store) {
                deliveries.getOrDefault(store, List.of()).forEach(d -> {
                    try {
                        jobs.add(new io.gureum.events.delivery.DeliveryJob(d.ruleAccount(), d.ruleRegion(), d.ruleArn(),
                                d.ruleName(), io.gureum.core.persist.SdkJson.fromJson(d.target(),
                                        software.amazon.awssdk.services.eventbridge.model.Target.class),
                                (com.fasterxml.jackson.databind.node.ObjectNode) io.gureum.events.delivery.Envelope.JSON
                                        .readTree(d.event()), d.ingested()));
                    } catch (com.fasterxml.jackson.core.JsonProcessingException damaged) {
                        // not a delivery any more
                    }
                });
                store.connections.values().stream().filter(c -> c.state.equals("AUTHORIZING"))
                        .forEach(c -> oauth.authorizeLater(store, c, c.generation));
            }
            jobs.forEach(attempts::deliver);
        });
    }

    private void whenBound(Runnable task) {
        if (context.endpoint().uri().isPresent()) {
            task.run();
            return;
        }
        try {
            timer.schedule(() -> whenBound(task), 50, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            // the server is stopping
        }
    }

    @Override
    public void capture(java.util.function.Consumer<io.gureum.core.persist.StateRecord> sink) {
        records.capture(sink);
    }

    @Override
    public void close() {
        subscription.close();
        due.close();
        timer.shutdownNow();
        workers.shutdownNow();
        // A delivery that reached its target records that it is done right after: let the running ones get there
        // before core closes the journal, so that a restart does not send them again (queued ones are resumed).
        try {
            workers.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
