package io.gureum.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.events.ServiceMetric;
import io.gureum.core.testing.MetricRecorder;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.TooManyRequestsException;

/** Lambda publishes its AWS/Lambda metrics on the server's event bus. */
class LambdaMetricsIT extends LambdaTestSupport {
    private static final String NS = "AWS/Lambda";

    @Test
    void invocationsErrorsDurationAndConcurrency() {
        String name = unique("metrics");
        Map<String, String> fn = Map.of("FunctionName", name);
        try (MetricRecorder metrics = new MetricRecorder(gureum)) {
            createPython(name, "def handler(event, context):\n    if event.get('fail'):\n        raise ValueError('x')\n"
                    + "    return 'ok'\n");
            lambda.invoke(b -> b.functionName(name).payload(SdkBytes.fromUtf8String("{}")));
            lambda.invoke(b -> b.functionName(name).payload(SdkBytes.fromUtf8String("{\"fail\": true}")));

            assertEquals(2, metrics.await(NS, "Invocations", fn, 2).size());
            assertEquals(1, metrics.sum(NS, "Errors", fn));
            ServiceMetric duration = metrics.of(NS, "Duration", fn).get(0);
            assertEquals("Milliseconds", duration.unit());
            assertTrue(duration.value() > 0, "duration " + duration.value());
            assertEquals(1, metrics.of(NS, "ConcurrentExecutions", fn).get(0).value());
            assertTrue(metrics.of(NS, "Invocations", Map.of()).size() >= 2, "the account's aggregate");
        }
    }

    @Test
    void versionsAndAliasesAddResourceAndExecutedVersion() {
        String name = unique("metrics");
        try (MetricRecorder metrics = new MetricRecorder(gureum)) {
            createEcho(name);
            String version = lambda.publishVersion(b -> b.functionName(name)).version();
            lambda.createAlias(b -> b.functionName(name).name("live").functionVersion(version));
            lambda.invoke(b -> b.functionName(name).qualifier("live").payload(SdkBytes.fromUtf8String("{}")));
            assertEquals(1, metrics.await(NS, "Invocations",
                    Map.of("FunctionName", name, "Resource", name + ":live", "ExecutedVersion", version), 1).size());
            assertEquals(1, metrics.of(NS, "Invocations", Map.of("FunctionName", name, "Resource", name + ":live"))
                    .size());
        }
    }

    @Test
    void throttlesAndAsyncEvents() {
        String name = unique("metrics");
        Map<String, String> fn = Map.of("FunctionName", name);
        try (MetricRecorder metrics = new MetricRecorder(gureum)) {
            createEcho(name);
            lambda.putFunctionConcurrency(b -> b.functionName(name).reservedConcurrentExecutions(0));
            assertAwsError(TooManyRequestsException.class, "TooManyRequestsException", 429,
                    () -> lambda.invoke(b -> b.functionName(name).payload(SdkBytes.fromUtf8String("{}"))));
            assertEquals(1, metrics.sum(NS, "Throttles", fn));
            lambda.deleteFunctionConcurrency(b -> b.functionName(name));
            lambda.invoke(b -> b.functionName(name).invocationType(InvocationType.EVENT)
                    .payload(SdkBytes.fromUtf8String("{}")));
            assertEquals(1, metrics.sum(NS, "AsyncEventsReceived", fn));
            assertEquals(1, metrics.await(NS, "Invocations", fn, 1).size());
        }
    }
}
