package io.gureum.scheduler;

import io.gureum.core.spi.OperationInterceptor;
import io.gureum.core.spi.ServiceContext;
import io.gureum.core.spi.ServiceInstance;
import io.gureum.core.time.DueTimer;
import io.gureum.core.time.ServiceThreads;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
/**
 * Scheduler on one server: the state, the providers, one timer thread and two workers that invoke targets
 * (never on a Netty thread: the first in-process call to an API loads its classes). Closing it stops the
 * timers; schedules are gone with the state.
 */
final class SchedulerInstance implements ServiceInstance {
    static final List<Class<?>> PROVIDERS = List.of(Schedules.class, ScheduleGroups.class);

    private final ScheduledThreadPoolExecutor timer;
    private final ExecutorService workers;
    private final DueTimer due;
    private final List<Object> providers;
    private final OperationInterceptor serialised;

    SchedulerInstance(ServiceContext context) {
        this.timer = ServiceThreads.timer("gureum-scheduler-timer");
        this.workers = ServiceThreads.workers("gureum-scheduler-", 2);
        this.due = new DueTimer(context.clock(), timer, workers);
        SchedulerState state = new SchedulerState(context);
        Firing firing = new Firing(state, due, context.clock());
        firing.deliverThrough(new Delivery(new TargetInvoker(context.clients()), context.clients(), due,
                context.clock()));
        this.providers = List.of(new Schedules(state, firing, context.clock()), new ScheduleGroups(state, context));
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
        due.close();
        timer.shutdownNow();
        workers.shutdownNow();
    }
}
