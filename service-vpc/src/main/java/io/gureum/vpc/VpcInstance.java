package io.gureum.vpc;

import io.gureum.core.spi.OperationInterceptor;
import io.gureum.core.spi.ServiceContext;
import io.gureum.core.spi.ServiceInstance;
import java.util.List;

/** The networking share of the EC2 API on one server: the family providers and the store lock. */
public final class VpcInstance implements ServiceInstance {
    private final Network net;
    private final List<OperationInterceptor> interceptors;
    private final VpcQueries queries;

    VpcInstance(ServiceContext context) {
        this.net = new Network(context);
        this.interceptors = List.of(new StoreLock(net));
        this.queries = new VpcQueries(net);
    }

    @Override
    public List<Object> providers() {
        return net.providers();
    }

    @Override
    public List<OperationInterceptor> interceptors() {
        return interceptors;
    }

    @Override
    public void restore(List<io.gureum.core.persist.StateRecord> records) {
        net.restore(records);
    }

    @Override
    public void capture(java.util.function.Consumer<io.gureum.core.persist.StateRecord> sink) {
        net.records.capture(sink);
    }

    @Override
    public void close() {
        net.insights.close();
    }

    /** The in-JVM queries (routing) of this instance's state. */
    public VpcQueries queries() {
        return queries;
    }
}
