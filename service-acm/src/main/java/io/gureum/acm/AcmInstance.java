package io.gureum.acm;

import io.gureum.core.events.CertificateUse;
import io.gureum.core.events.Subscription;
import io.gureum.core.spi.OperationInterceptor;
import io.gureum.core.spi.ServiceContext;
import io.gureum.core.spi.ServiceInstance;
import io.gureum.core.time.ServiceThreads;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** ACM on one running server: the providers over one {@link AcmStores} and the store lock. Closed on reset and shutdown. */
final class AcmInstance implements ServiceInstance {
    private final AcmStores stores;
    private final List<Object> providers;
    private final List<OperationInterceptor> interceptors;
    private final Subscription uses;
    private final AcmRecords records;
    private final Subscription clock;
    private final ScheduledExecutorService timer;

    AcmInstance(ServiceContext context) {
        this.stores = new AcmStores(context);
        this.providers = List.of(new Imports(stores), new Certificates(stores), new CertificateTags(stores),
                new Requests(stores), new AccountConfigurations(stores));
        this.interceptors = List.of(new StoreLock(stores));
        this.records = new AcmRecords(context.state(), stores);
        stores.changed = records::recordChanges;
        this.uses = context.events().subscribe(CertificateUse.class, new CertificateUses(stores)::on);
        ExpiryEvents expiry = new ExpiryEvents(stores);
        this.clock = context.clock().onAdvance(expiry::check);
        this.timer = ServiceThreads.timer("gureum-acm-timer");
        timer.scheduleWithFixedDelay(expiry::check, 60, 60, TimeUnit.SECONDS);
    }

    /** The provider classes, in the order {@link #providers()} lists them. */
    static List<Class<?>> providerClasses() {
        return List.of(Imports.class, Certificates.class, CertificateTags.class, Requests.class,
                AccountConfigurations.class);
    }

    @Override
    public List<Object> providers() {
        return providers;
    }

    @Override
    public List<OperationInterceptor> interceptors() {
        return interceptors;
    }

    @Override
    public void restore(List<io.gureum.core.persist.StateRecord> restored) {
        records.restore(restored);
    }

    @Override
    public void capture(java.util.function.Consumer<io.gureum.core.persist.StateRecord> sink) {
        records.capture(sink);
    }

    @Override
    public void close() {
        uses.close();
        clock.close();
        timer.shutdownNow();
        stores.all.clear();
    }
}
