package io.gureum.sns;

import io.gureum.core.http.AwsHttpRequest;
import io.gureum.core.http.AwsHttpResponse;
import io.gureum.core.spi.ResourceAccess;
import io.gureum.core.spi.ServiceContext;
import io.gureum.core.spi.ServiceInstance;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * SNS on one server: topics, subscriptions and platform state, the providers over them, the timer of
 * HTTP delivery retries, the delivery log and the {@code /_gureum/sns/} endpoints.
 */
final class SnsInstance implements ServiceInstance {
    static final List<Class<?>> PROVIDERS = List.of(Topics.class, TopicTags.class, TopicPolicies.class,
            Subscriptions.class, Publishing.class, PlatformApplications.class, Sms.class);

    private final ScheduledExecutorService timers;
    private final DeliveryLog log = new DeliveryLog();
    private final List<Object> providers;
    private final SnsAdmin admin;
    private final TopicResourceAccess resourceAccess;
    private final SnsRecords records;

    SnsInstance(ServiceContext context) {
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
            Thread th = new Thread(r, "gureum-sns-retries");
            th.setDaemon(true);
            return th;
        });
        t.setRemoveOnCancelPolicy(true);
        this.timers = t;
        SnsStore store = new SnsStore();
        PlatformStore platforms = new PlatformStore();
        SnsSigner signer = new SnsSigner();
        Envelopes envelopes = new Envelopes(signer);
        HttpDelivery http = new HttpDelivery(timers, log);
        Topics topics = new Topics(context, store);
        Publisher publisher = new Publisher(context, new Deliverer(context, envelopes, http, log), log);
        this.providers = List.of(topics, new TopicTags(context, store, topics), new TopicPolicies(context, topics),
                new Subscriptions(context, store, topics, envelopes, http, log, publisher),
                new Publishing(topics, publisher, platforms, new TopicEncryption(context)), new PlatformApplications(context, platforms),
                new Sms(platforms));
        this.admin = new SnsAdmin(log, store, signer);
        this.resourceAccess = new TopicResourceAccess(store);
        this.records = new SnsRecords(context, store, platforms);
    }

    @Override
    public List<io.gureum.core.spi.OperationInterceptor> interceptors() {
        return List.of(records);
    }

    @Override
    public void restore(List<io.gureum.core.persist.StateRecord> records) {
        this.records.restore(records);
    }

    @Override
    public void capture(java.util.function.Consumer<io.gureum.core.persist.StateRecord> sink) {
        records.capture(sink);
    }

    @Override
    public List<Object> providers() {
        return providers;
    }

    @Override
    public AwsHttpResponse adminRequest(AwsHttpRequest request) {
        return admin.handle(request);
    }

    /** A topic's owner and access policy. */
    @Override
    public ResourceAccess resourceAccess(String resourceArn) {
        return resourceAccess.of(resourceArn);
    }

    @Override
    public void close() {
        timers.shutdownNow();
        log.clear();
    }
}
