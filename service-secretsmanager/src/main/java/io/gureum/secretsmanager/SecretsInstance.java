package io.gureum.secretsmanager;

import io.gureum.core.events.Subscription;
import io.gureum.core.spi.OperationInterceptor;
import io.gureum.core.spi.ResourceAccess;
import io.gureum.core.spi.ServiceContext;
import io.gureum.core.spi.ServiceInstance;
import io.gureum.core.time.ServiceThreads;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Secrets Manager on one running server: the providers (one per operation family) over one
 * {@link SecretsStores}, the store lock, a rotation worker thread and a timer that settles what came due
 * on the clock. Closed on reset and shutdown.
 */
final class SecretsInstance implements ServiceInstance {
    private final SecretsStores stores;
    private final ExecutorService rotationWorker;
    private final ScheduledExecutorService timer;
    private final Subscription clock;
    private final List<Object> providers;
    private final List<OperationInterceptor> interceptors;
    private final SecretResourceAccess resourceAccess;

    SecretsInstance(ServiceContext context) {
        this.stores = new SecretsStores(context);
        this.rotationWorker = Executors.newSingleThreadExecutor(ServiceThreads.named("gureum-secretsmanager-rotation"));
        this.timer = ServiceThreads.timer("gureum-secretsmanager-timer");
        Encryption encryption = new Encryption(context);
        VersionWriter writer = new VersionWriter(stores, encryption);
        Replication replication = new Replication(stores, encryption);
        Rotations rotations = new Rotations(stores, new RotationRunner(stores, rotationWorker));
        Settler settler = new Settler(stores, rotations);
        this.providers = List.of(new Secrets(stores, encryption, writer, replication),
                new SecretValues(stores, encryption, writer), new Versions(stores), new SecretListing(stores),
                new Tags(stores), new ResourcePolicies(stores), replication, new RandomPasswords(), rotations);
        this.interceptors = List.of(new StoreLock(stores));
        this.resourceAccess = new SecretResourceAccess(stores);
        this.clock = context.clock().onAdvance(settler::settle);
        timer.scheduleWithFixedDelay(settler::settleIfDue, 1, 1, TimeUnit.SECONDS);
    }

    /** The provider classes, in the order {@link #providers()} lists them. */
    static List<Class<?>> providerClasses() {
        return List.of(Secrets.class, SecretValues.class, Versions.class, SecretListing.class, Tags.class,
                ResourcePolicies.class, Replication.class, RandomPasswords.class, Rotations.class);
    }


    @Override
    public List<Object> providers() {
        return providers;
    }

    @Override
    public List<OperationInterceptor> interceptors() {
        return interceptors;
    }

    /** A secret's owner and resource policy. */
    @Override
    public ResourceAccess resourceAccess(String resourceArn) {
        return resourceAccess.of(resourceArn);
    }

    @Override
    public void close() {
        clock.close();
        timer.shutdownNow();
        rotationWorker.shutdownNow();
        stores.all.clear();
    }
}
