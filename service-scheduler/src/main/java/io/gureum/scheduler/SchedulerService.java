package io.gureum.scheduler;

import io.gureum.core.spi.AwsService;
import io.gureum.core.spi.ServiceContext;
import io.gureum.core.spi.ServiceInstance;
import java.util.List;

/**
 * Registers EventBridge Scheduler with core: the restJson1 API of 2021-06-30, signing name
 * {@code scheduler}. {@link SchedulerInstance} makes the providers, {@link Schedules} and
 * {@link ScheduleGroups}.
 */
public final class SchedulerService implements AwsService {
    @Override
    public String name() {
        return "scheduler";
    }

    @Override
    public String clientInterface() {
        return "software.amazon.awssdk.services.scheduler.SchedulerClient";
    }

    @Override
    public List<Class<?>> providerClasses() {
        return SchedulerInstance.PROVIDERS;
    }

    @Override
    public ServiceInstance create(ServiceContext context) {
        return new SchedulerInstance(context);
    }
}
