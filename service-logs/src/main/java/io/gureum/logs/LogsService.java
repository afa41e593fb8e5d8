package io.gureum.logs;

import io.gureum.core.spi.AwsService;
import io.gureum.core.spi.ServiceContext;

/** Registers CloudWatch Logs with core: the awsJson 1.1 API of 2014-03-28, answered by {@link LogsHandler}. */
public final class LogsService implements AwsService {
    @Override
    public String name() {
        return "logs";
    }

    @Override
    public String clientInterface() {
        return "software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient";
    }

    /** Lambda's output arrives as events on the bus, before anyone may have called Logs. */
    @Override
    public boolean eager() {
        return true;
    }

    @Override
    public java.util.List<Class<?>> providerClasses() {
        return java.util.List.of(LogsHandler.class);
    }

    @Override
    public io.gureum.core.spi.ServiceInstance create(ServiceContext context) {
        LogsHandler handler = new LogsHandler(context, EventBudget.fromSystemProperties());
        return new io.gureum.core.spi.ServiceInstance() {
            @Override
            public java.util.List<Object> providers() {
                return java.util.List.of(handler);
            }

            @Override
            public void close() {
                handler.close();
            }
        };
    }
}
