package io.gureum.elb;

import io.gureum.core.http.AwsHttpRequest;
import io.gureum.core.http.AwsHttpResponse;
import io.gureum.core.persist.StateRecord;
import io.gureum.core.spi.ServiceContext;
import io.gureum.core.spi.ServiceInstance;
import java.util.List;
import java.util.function.Consumer;

/**
 * Elastic Load Balancing v2 on one server: the providers over one {@link ElbState}, and the records that
 * journal it. Classic Load Balancing requests (API version 2012-06-01, same signing name) are answered here
 * with 501 naming that API, before the v2 codec would misread them.
 */
final class ElbInstance implements ServiceInstance {
    static final List<Class<?>> PROVIDERS = List.of(LoadBalancers.class, TargetGroups.class, Targets.class,
            Listeners.class, Rules.class, Account.class);
    static final String CLASSIC_VERSION = "2012-06-01";

    private final ElbState state;
    private final ElbRecords records;
    private final List<Object> providers;

    ElbInstance(ServiceContext context) {
        this.state = new ElbState(context);
        this.records = new ElbRecords(context, state);
        state.changed = records::record;
        Networks networks = new Networks(context.clients());
        this.providers = List.of(new LoadBalancers(state, networks), new TargetGroups(state, networks),
                new Targets(state, networks, context.clients()), new Listeners(state), new Rules(state),
                new Account(state));
    }

    @Override
    public List<Object> providers() {
        return providers;
    }

    /**
     * Classic Load Balancers (API 2012-06-01) share the signing name {@code elasticloadbalancing}, so core routes
     * their requests here; Gureum does not emulate that API, and says so in the query protocol both use.
     */
    @Override
    public AwsHttpResponse preOperation(AwsHttpRequest request) {
        List<String> version = request.formParameters().get("Version");
        if (version != null && version.contains(CLASSIC_VERSION)) {
            throw ElbErrors.notImplemented("Gureum does not emulate elb (Classic Load Balancers, API version "
                    + CLASSIC_VERSION + ") yet; Application, Network and Gateway Load Balancers (elbv2, 2015-12-01) "
                    + "are served");
        }
        return null;
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
