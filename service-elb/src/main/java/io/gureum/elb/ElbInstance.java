package io.gureum.elb;

import io.gureum.core.persist.StateRecord;
import io.gureum.core.spi.ServiceContext;
import io.gureum.core.spi.ServiceInstance;
import java.util.List;
import java.util.function.Consumer;

/**
 * Elastic Load Balancing v2 on one server: the providers over one {@link ElbState}, and the records that
 * journal it. Classic Load Balancing requests (API version 2012-06-01, same signing name) never reach it: core
 * routes a request whose query Version names the other API of its signing name as unserved.
 */
final class ElbInstance implements ServiceInstance {
    static final List<Class<?>> PROVIDERS = List.of(LoadBalancers.class, TargetGroups.class, Targets.class,
            Listeners.class, Rules.class, Account.class, TrustStores.class);

    private final ElbState state;
    private final ElbRecords records;
    private final List<Object> providers;
    private final TrustStoreDownloads downloads;

    ElbInstance(ServiceContext context) {
        this.state = new ElbState(context);
        this.records = new ElbRecords(context, state);
        state.changed = records::record;
        Networks networks = new Networks(context.clients());
        Certificates certificates = new Certificates(context.clients(), context.events());
        this.providers = List.of(new LoadBalancers(state, networks, certificates), new TargetGroups(state, networks),
                new Targets(state, networks, context.clients()), new Listeners(state, certificates), new Rules(state),
                new Account(state), new TrustStores(state, new TrustStoreFiles(context.clients())));
        this.downloads = new TrustStoreDownloads(state);
    }

    /** The trust store files GetTrustStoreCaCertificatesBundle and GetTrustStoreRevocationContent hand out. */
    @Override
    public io.gureum.core.http.AwsHttpResponse adminRequest(io.gureum.core.http.AwsHttpRequest request) {
        return downloads.handle(request);
    }

    @Override
    public List<Object> providers() {
        return providers;
    }

    @Override
    public void restore(List<StateRecord> restored) {
        records.restore(restored);
    }

    @Override
    public void capture(Consumer<StateRecord> sink) {
        records.capture(sink);
    }

}
