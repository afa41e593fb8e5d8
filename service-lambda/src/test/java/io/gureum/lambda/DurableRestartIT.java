package io.gureum.lambda;

import static io.gureum.lambda.LambdaTestSupport.ROLE;
import static io.gureum.lambda.LambdaTestSupport.zip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gureum.core.Gureum;
import io.gureum.core.GureumConfig;
import io.gureum.core.testing.AwsClients;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Event;
import software.amazon.awssdk.services.lambda.model.EventType;
import software.amazon.awssdk.services.lambda.model.ExecutionStatus;
import software.amazon.awssdk.services.lambda.model.InvocationType;

/**
 * A durable execution waiting on the clock survives a restart on the same --data-dir: its operations and history are
 * there again, its wait still elapses on the clock, and it runs to its end.
 */
class DurableRestartIT {
    @TempDir
    Path dataDir;

    private Gureum start() {
        return Gureum.start(GureumConfig.builder().port(0).dataDir(dataDir).build());
    }

    private static <T> T await(String what, Supplier<T> probe) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            T t = probe.get();
            if (t != null) {
                return t;
            }
            assertTrue(System.nanoTime() < deadline, "timed out waiting for " + what);
            Thread.sleep(100);
        }
    }

    private static Event event(LambdaClient lambda, String arn, EventType type) throws InterruptedException {
        return await(type.toString(), () -> lambda.getDurableExecutionHistory(b -> b.durableExecutionArn(arn))
                .events().stream().filter(e -> e.eventType() == type).findFirst().orElse(null));
    }

    @Test
    void aWaitingExecutionResumesAfterARestart() throws Exception {
        String arn;
        List<Event> before;
        try (Gureum g = start(); LambdaClient lambda = AwsClients.client(LambdaClient.builder(), g)) {
            lambda.createFunction(b -> b.functionName("flow").runtime("python3.12").role(ROLE).handler("app.handler")
                    .timeout(60).durableConfig(d -> d.executionTimeout(86_400))
                    .code(c -> c.zipFile(SdkBytes.fromByteArray(zip("app.py", DurableExecutionsIT.DURABLE_LOOP)))));
            arn = lambda.invoke(b -> b.functionName("flow").invocationType(InvocationType.EVENT)
                    .durableExecutionName("kept").payload(SdkBytes.fromUtf8String("{\"n\": 4, \"wait\": 600}")))
                    .durableExecutionArn();
            event(lambda, arn, EventType.WAIT_STARTED);
            before = lambda.getDurableExecutionHistory(b -> b.durableExecutionArn(arn)).events();
        }
        try (Gureum g = start(); LambdaClient lambda = AwsClients.client(LambdaClient.builder(), g)) {
            assertEquals(ExecutionStatus.RUNNING, lambda.getDurableExecution(b -> b.durableExecutionArn(arn)).status());
            List<Event> after = lambda.getDurableExecutionHistory(b -> b.durableExecutionArn(arn)).events();
            assertEquals(before, after.subList(0, before.size()));
            assertEquals(14, lambda.getFunctionConfiguration(b -> b.functionName("flow")).durableConfig()
                    .retentionPeriodInDays(), "no retention given: the default applies");
            g.context().clock().advance(Duration.ofSeconds(600));
            String callbackId = event(lambda, arn, EventType.CALLBACK_STARTED).callbackStartedDetails().callbackId();
            lambda.sendDurableExecutionCallbackSuccess(b -> b.callbackId(callbackId)
                    .result(SdkBytes.fromUtf8String("1")));
            var done = await("SUCCEEDED", () -> {
                var r = lambda.getDurableExecution(b -> b.durableExecutionArn(arn));
                return r.status() == ExecutionStatus.SUCCEEDED ? r : null;
            });
            assertEquals(8, new ObjectMapper().readTree(done.result()).get("doubled").asInt());
        }
        try (Gureum g = start(); LambdaClient lambda = AwsClients.client(LambdaClient.builder(), g)) {
            assertEquals(ExecutionStatus.SUCCEEDED, lambda.getDurableExecution(b -> b.durableExecutionArn(arn))
                    .status());
            assertEquals(1, lambda.listDurableExecutionsByFunction(b -> b.functionName("flow")).durableExecutions()
                    .size());
        }
    }
}
