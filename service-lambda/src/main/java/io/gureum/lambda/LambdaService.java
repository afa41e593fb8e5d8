package io.gureum.lambda;

import io.gureum.core.events.LogEvents;
import io.gureum.core.http.AwsHttpRequest;
import io.gureum.core.spi.AwsService;
import io.gureum.core.spi.ProtocolQuirks;
import io.gureum.core.spi.ServiceContext;
import io.gureum.core.spi.ServiceInstance;
import io.gureum.lambda.runtime.FunctionSpec;
import io.gureum.lambda.runtime.LogEvent;
import io.gureum.lambda.runtime.ProcessRunner;
import java.util.ArrayList;
import java.util.List;

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

    /** Requests to a function URL's host ({@code <url-id>.lambda-url.<region>.localhost}) are Lambda's. */
    @Override
    public ProtocolQuirks quirks() {
        return new ProtocolQuirks() {
            @Override
            public boolean claims(AwsHttpRequest request) {
                return FunctionUrlRequests.urlIdOfHost(request) != null;
            }
        };
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


}
