package io.gureum.lambda;

import io.gureum.core.events.EventBus;
import io.gureum.core.events.ServiceMetric;
import io.gureum.core.spi.ServiceContext;
import io.gureum.core.time.GureumClock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The metrics Lambda publishes in {@code AWS/Lambda}
 * (https://docs.aws.amazon.com/lambda/latest/dg/monitoring-metrics-types.html): each data point under
 * {@code FunctionName}, under {@code FunctionName} and {@code Resource} ({@code name:qualifier}) when a
 * version or alias was invoked, under those and {@code ExecutedVersion} when an alias was, and once with no
 * dimension for the account's aggregate. Nothing is built when nobody listens.
 */
final class LambdaMetrics {
    static final String NAMESPACE = "AWS/Lambda";

    private final EventBus events;
    private final GureumClock clock;

    LambdaMetrics(ServiceContext context) {
        this.events = context.events();
        this.clock = context.clock();
    }

    /** {@code ConcurrentExecutions} as an invocation starts: the function's executions in flight. */
    void started(LambdaFunction f, String invokedArn, String executedVersion) {
        if (listening()) {
            publish(f, invokedArn, executedVersion, "ConcurrentExecutions", f.inFlight.get(), "Count");
        }
    }

    /** {@code Invocations}, {@code Duration} and, for a function error, {@code Errors}. */
    void finished(LambdaFunction f, String invokedArn, String executedVersion, boolean error, double millis) {
        if (listening()) {
            publish(f, invokedArn, executedVersion, "Invocations", 1, "Count");
            publish(f, invokedArn, executedVersion, "Duration", millis, "Milliseconds");
            if (error) {
                publish(f, invokedArn, executedVersion, "Errors", 1, "Count");
            }
        }
    }

    /** {@code Throttles}: an invocation refused for lack of concurrency. */
    void throttled(LambdaFunction f, String invokedArn) {
        if (listening()) {
            publish(f, invokedArn, null, "Throttles", 1, "Count");
        }
    }

    /** {@code AsyncEventsReceived}: an event queued for asynchronous invocation. */
    void asyncReceived(LambdaFunction f, String invokedArn) {
        if (listening()) {
            publish(f, invokedArn, null, "AsyncEventsReceived", 1, "Count");
        }
    }

    /** {@code AsyncEventsDropped}: an event given up on (retries exhausted or too old). */
    void asyncDropped(LambdaFunction f, String invokedArn) {
        if (listening()) {
            publish(f, invokedArn, null, "AsyncEventsDropped", 1, "Count");
        }
    }

    /** {@code DeadLetterErrors}: an event that could not be sent to the dead-letter queue. */
    void deadLetterError(LambdaFunction f, String invokedArn) {
        if (listening()) {
            publish(f, invokedArn, null, "DeadLetterErrors", 1, "Count");
        }
    }

    private boolean listening() {
        return events.hasSubscribers(ServiceMetric.class);
    }

    private void publish(LambdaFunction f, String invokedArn, String executedVersion, String name, double value,
            String unit) {
        for (Map<String, String> dimensions : dimensions(f.name, invokedArn, executedVersion)) {
            events.publish(new ServiceMetric(f.account, f.region, NAMESPACE, name, dimensions, value, unit,
                    clock.now()));
        }
    }

    /** The dimension sets of one data point, for a function invoked as {@code invokedArn}. */
    static List<Map<String, String>> dimensions(String function, String invokedArn, String executedVersion) {
        List<Map<String, String>> sets = new ArrayList<>(4);
        sets.add(Map.of());
        sets.add(Map.of("FunctionName", function));
        String[] parts = invokedArn == null ? new String[0] : invokedArn.split(":");
        if (parts.length == 8) {
            String qualifier = parts[7];
            String resource = function + ":" + qualifier;
            sets.add(Map.of("FunctionName", function, "Resource", resource));
            boolean alias = !qualifier.equals("$LATEST") && !qualifier.chars().allMatch(Character::isDigit);
            if (alias && executedVersion != null) {
                sets.add(Map.of("FunctionName", function, "Resource", resource, "ExecutedVersion", executedVersion));
            }
        }
        return sets;
    }
}
