package io.gureum.lambda;

import io.gureum.core.events.LogEvents;
import io.gureum.core.spi.AwsService;
import io.gureum.core.spi.ServiceContext;
import io.gureum.core.spi.ServiceInstance;
import io.gureum.lambda.runtime.FunctionSpec;
import io.gureum.lambda.runtime.LogEvent;
import io.gureum.lambda.runtime.ProcessRunner;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Registers Lambda with core: the restJson1 API of 2015-03-31, answered by the providers of a
 * {@link LambdaInstance} (one per resource family), and Gureum's Lambda endpoints under
 * {@code /_gureum/lambda/} ({@link LambdaAdmin}).
 */
public final class LambdaService implements AwsService {
    @Override
    public String name() {
        return "lambda";
    }

    @Override
    public String clientInterface() {
        return "software.amazon.awssdk.services.lambda.LambdaClient";
    }

    @Override
    public List<Class<?>> providerClasses() {
        return LambdaInstance.providerClasses();
    }

    @Override
    public ServiceInstance create(ServiceContext context) {
        return new LambdaInstance(context, dir -> new ProcessRunner(() -> context.endpoint().uri(), dir,
                context.clock()::now).onLogs((spec, events) -> context.events().publish(logEvents(spec, events))));
    }

    /** A function's output goes to CloudWatch Logs, as Lambda's execution role lets it in AWS. */
    private static LogEvents logEvents(FunctionSpec spec, List<LogEvent> events) {
        List<LogEvents.Event> lines = new ArrayList<>(events.size());
        for (LogEvent e : events) {
            lines.add(new LogEvents.Event(e.timestamp().toEpochMilli(), e.message()));
        }
        String stream = events.isEmpty() ? null : events.get(0).logStreamName();
        return new LogEvents(spec.account(), spec.region(), spec.logGroupName(), stream, lines);
    }

    /**
     * Lambda answers many operations with 201, 202 or 204 (the {@code responseCode} of each operation
     * in the API model; e.g. https://docs.aws.amazon.com/lambda/latest/api/API_CreateFunction.html).
     */
    @Override
    public Map<String, Integer> successStatuses() {
        return SUCCESS_STATUSES;
    }

    private static final Map<String, Integer> SUCCESS_STATUSES = Map.ofEntries(
            Map.entry("AddLayerVersionPermission", 201), Map.entry("AddPermission", 201),
            Map.entry("CreateAlias", 201), Map.entry("CreateCapacityProvider", 202),
            Map.entry("CreateCodeSigningConfig", 201), Map.entry("CreateEventSourceMapping", 202),
            Map.entry("CreateFunction", 201), Map.entry("CreateFunctionUrlConfig", 201),
            Map.entry("DeleteAlias", 204), Map.entry("DeleteCapacityProvider", 202),
            Map.entry("DeleteCodeSigningConfig", 204), Map.entry("DeleteEventSourceMapping", 202),
            Map.entry("DeleteFunctionCodeSigningConfig", 204), Map.entry("DeleteFunctionConcurrency", 204),
            Map.entry("DeleteFunctionEventInvokeConfig", 204), Map.entry("DeleteFunctionUrlConfig", 204),
            Map.entry("DeleteLayerVersion", 204), Map.entry("DeleteProvisionedConcurrencyConfig", 204),
            Map.entry("InvokeAsync", 202), Map.entry("PublishLayerVersion", 201), Map.entry("PublishVersion", 201),
            Map.entry("PutFunctionScalingConfig", 202), Map.entry("PutProvisionedConcurrencyConfig", 202),
            Map.entry("RemoveLayerVersionPermission", 204), Map.entry("RemovePermission", 204),
            Map.entry("TagResource", 204), Map.entry("UntagResource", 204),
            Map.entry("UpdateCapacityProvider", 202), Map.entry("UpdateEventSourceMapping", 202));
}
