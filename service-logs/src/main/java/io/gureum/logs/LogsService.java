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
    public Object createHandler(ServiceContext context) {
        return new LogsHandler(context, EventBudget.fromSystemProperties());
    }
}
