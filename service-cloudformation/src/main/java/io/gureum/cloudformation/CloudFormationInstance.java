package io.gureum.cloudformation;

import io.gureum.cloudformation.engine.CloudFormationState;
import io.gureum.cloudformation.engine.Engine;
import io.gureum.cloudformation.engine.StackOperations;
import io.gureum.cloudformation.resource.ResourceHandlers;
import io.gureum.core.spi.OperationInterceptor;
import io.gureum.core.spi.ServiceContext;
import io.gureum.core.spi.ServiceInstance;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * CloudFormation on one server: the state, four workers that run resource handlers (never a Netty thread:
 * a handler's first in-process call to a big API loads its classes), and the providers. Every call holds
 * the state's lock; workers take it only to record progress.
 */
final class CloudFormationInstance implements ServiceInstance {
    static final List<Class<?>> PROVIDERS = List.of(Stacks.class, StackQueries.class, ChangeSets.class,
            Templates.class, Exports.class, Drift.class);

    private final ExecutorService workers;
    private final List<Object> providers;
    private final OperationInterceptor serialised;

    CloudFormationInstance(ServiceContext context, ResourceHandlers handlers) {
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "gureum-cloudformation-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        CloudFormationState state = new CloudFormationState();
        Engine engine = new Engine(state, handlers, workers, context);
        StackLookup lookup = new StackLookup(state);
        Planner planner = new Planner(engine);
        StackOperations operations = new StackOperations(engine);
        Stacks stacks = new Stacks(engine, lookup, planner, operations);
        this.providers = List.of(stacks, new StackQueries(lookup),
                new ChangeSets(engine, lookup, planner, operations, stacks), new Templates(engine, planner, lookup),
                new Exports(lookup), new Drift(engine, lookup));
        this.serialised = call -> {
            state.lock.lock();
            try {
                return call.proceed();
            } finally {
                state.lock.unlock();
            }
        };
    }

    @Override
    public List<Object> providers() {
        return providers;
    }

    @Override
    public List<OperationInterceptor> interceptors() {
        return List.of(serialised);
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }
}
