package io.gureum.ssm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gureum.core.Gureum;
import io.gureum.core.protocol.RequestContext;
import io.gureum.core.spi.AwsService;
import io.gureum.core.spi.ServiceContext;
import io.gureum.core.spi.ServiceInstance;
import io.gureum.core.testing.AwsClients;
import io.gureum.junit5.GureumExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeRequest;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.DoesNotExistException;
import software.amazon.awssdk.services.ssm.model.MaintenanceWindowExecution;
import software.amazon.awssdk.services.ssm.model.MaintenanceWindowExecutionStatus;
import software.amazon.awssdk.services.ssm.model.MaintenanceWindowExecutionTaskIdentity;
import software.amazon.awssdk.services.ssm.model.MaintenanceWindowResourceType;
import software.amazon.awssdk.services.ssm.model.MaintenanceWindowTaskType;

/**
 * Moving Gureum's clock to a window's next run starts an execution: its LAMBDA task invokes the function
 * in-process with the task's Payload (pseudo parameters replaced) and Qualifier, a RUN_COMMAND task fails
 * saying why, and the execution, its tasks and invocations are described.
 */
class WindowRunsIT {
    /** What the fake Lambda saw of one Invoke. */
    record Invocation(String function, String qualifier, String type, String payload, String principal,
            String sourceArn) {
    }

    /**
     * A Lambda API whose Invoke records its calls; the function {@code broken} fails, the function
     * {@code slow} returns only once {@link #RELEASE} is counted down.
     */
    public static final class FakeLambda {
        static final List<Invocation> CALLS = new CopyOnWriteArrayList<>();
        static final java.util.concurrent.CountDownLatch RELEASE = new java.util.concurrent.CountDownLatch(1);

        public InvokeResponse invoke(InvokeRequest r) throws InterruptedException {
            RequestContext ctx = RequestContext.current();
            CALLS.add(new Invocation(r.functionName(), r.qualifier(), r.invocationTypeAsString(),
                    r.payload() == null ? null : r.payload().asUtf8String(), ctx.principal(), ctx.sourceArn()));
            if (r.functionName().equals("slow") && !RELEASE.await(60, java.util.concurrent.TimeUnit.SECONDS)) {
                throw new IllegalStateException("never released");
            }
            if (r.functionName().equals("broken")) {
                return InvokeResponse.builder().statusCode(200).functionError("Unhandled")
                        .payload(SdkBytes.fromUtf8String("{\"errorMessage\":\"boom\"}")).build();
            }
            return InvokeResponse.builder().statusCode(200).payload(SdkBytes.fromUtf8String("null")).build();
        }
    }

    static final AwsService LAMBDA = new AwsService() {
        @Override
        public String name() {
            return "lambda";
        }

        @Override
        public String clientInterface() {
            return LambdaClient.class.getName();
        }

        @Override
        public List<Class<?>> providerClasses() {
            return List.of(FakeLambda.class);
        }

        @Override
        public ServiceInstance create(ServiceContext context) {
            return ServiceInstance.of(new FakeLambda());
        }
    };

    @RegisterExtension
    static final GureumExtension aws = GureumExtension.builder().services(new SsmService(), LAMBDA).build();
    static Gureum gureum;
    static SsmClient ssm;

    @BeforeAll
    static void start() {
        gureum = aws.gureum();
        ssm = AwsClients.client(SsmClient.builder(), gureum);
    }

    @AfterAll
    static void stop() {
        ssm.close();
    }

    @Test
    void aWindowRunsItsLambdaTaskWhenTheClockReachesItsNextRun() throws Exception {
        String id = ssm.createMaintenanceWindow(b -> b.name("nightly").schedule("rate(1 hour)").duration(2).cutoff(1)
                .allowUnassociatedTargets(true)).windowId();
        String target = ssm.registerTargetWithMaintenanceWindow(b -> b.windowId(id)
                .resourceType(MaintenanceWindowResourceType.INSTANCE).ownerInformation("ops")
                .targets(t -> t.key("InstanceIds").values("i-0123456789abcdef0"))).windowTargetId();
        String lambdaTask = ssm.registerTaskWithMaintenanceWindow(b -> b.windowId(id)
                .taskType(MaintenanceWindowTaskType.LAMBDA).taskArn("fn").priority(1)
                .taskInvocationParameters(p -> p.lambda(l -> l.qualifier("live")
                        .payload(SdkBytes.fromUtf8String("{\"window\":\"{{WINDOW_ID}}\"}"))))).windowTaskId();
        ssm.registerTaskWithMaintenanceWindow(b -> b.windowId(id).taskType(MaintenanceWindowTaskType.RUN_COMMAND)
                .taskArn("AWS-RunShellScript").priority(2).targets(t -> t.key("WindowTargetIds").values(target)));
        assertTrue(ssm.describeMaintenanceWindowExecutions(b -> b.windowId(id)).windowExecutions().isEmpty());

        gureum.context().clock().advance(Duration.ofMinutes(61));
        MaintenanceWindowExecution execution = waitFor(() -> {
            var all = ssm.describeMaintenanceWindowExecutions(b -> b.windowId(id)).windowExecutions();
            return all.size() == 1 && all.get(0).endTime() != null ? all.get(0) : null;
        });
        assertEquals(MaintenanceWindowExecutionStatus.FAILED, execution.status(), "the RUN_COMMAND task cannot run");

        List<Invocation> calls = FakeLambda.CALLS.stream().filter(c -> c.function().equals("fn")
                && c.payload() != null && c.payload().contains(id)).toList();
        assertEquals(1, calls.size());
        Invocation call = calls.get(0);
        assertEquals("live", call.qualifier());
        assertEquals("RequestResponse", call.type());
        assertEquals(Map.of("window", id), new ObjectMapper().readValue(call.payload(), Map.class));
        assertEquals("ssm.amazonaws.com", call.principal());
        assertEquals("arn:aws:ssm:us-east-1:000000000000:maintenancewindow/" + id, call.sourceArn());

        var got = ssm.getMaintenanceWindowExecution(b -> b.windowExecutionId(execution.windowExecutionId()));
        assertEquals(2, got.taskIds().size());
        Map<String, MaintenanceWindowExecutionTaskIdentity> tasks = ssm.describeMaintenanceWindowExecutionTasks(b -> b
                .windowExecutionId(execution.windowExecutionId())).windowExecutionTaskIdentities().stream()
                .collect(Collectors.toMap(MaintenanceWindowExecutionTaskIdentity::taskTypeAsString, t -> t));
        assertEquals(MaintenanceWindowExecutionStatus.SUCCESS, tasks.get("LAMBDA").status());
        assertEquals(MaintenanceWindowExecutionStatus.FAILED, tasks.get("RUN_COMMAND").status());
        assertTrue(tasks.get("RUN_COMMAND").statusDetails().contains("SSM Agent"),
                tasks.get("RUN_COMMAND").statusDetails());
        String lambdaRun = tasks.get("LAMBDA").taskExecutionId();
        var task = ssm.getMaintenanceWindowExecutionTask(b -> b.windowExecutionId(execution.windowExecutionId())
                .taskId(lambdaRun));
        assertEquals("fn", task.taskArn());
        assertEquals(1, task.priority());
        var invocations = ssm.describeMaintenanceWindowExecutionTaskInvocations(b -> b
                .windowExecutionId(execution.windowExecutionId()).taskId(lambdaRun))
                .windowExecutionTaskInvocationIdentities();
        assertEquals(1, invocations.size());
        assertEquals(MaintenanceWindowExecutionStatus.SUCCESS, invocations.get(0).status());
        var invocation = ssm.getMaintenanceWindowExecutionTaskInvocation(b -> b
                .windowExecutionId(execution.windowExecutionId()).taskId(lambdaRun)
                .invocationId(invocations.get(0).invocationId()));
        assertTrue(invocation.parameters().contains("\"qualifier\":\"live\""), invocation.parameters());
        assertEquals(0, ssm.describeMaintenanceWindowExecutionTasks(b -> b
                .windowExecutionId(execution.windowExecutionId()).filters(f -> f.key("STATUS").values("TIMED_OUT")))
                .windowExecutionTaskIdentities().size());
        assertEquals(execution.windowExecutionId(), ssm.cancelMaintenanceWindowExecution(b -> b
                .windowExecutionId(execution.windowExecutionId())).windowExecutionId());
        assertThrows(DoesNotExistException.class, () -> ssm.getMaintenanceWindowExecution(b -> b
                .windowExecutionId("11111111-2222-3333-4444-555555555555")));

        // A week later: one more execution, not one per missed hour.
        ssm.deregisterTaskFromMaintenanceWindow(b -> b.windowId(id).windowTaskId(lambdaTask));
        gureum.context().clock().advance(Duration.ofDays(7));
        waitFor(() -> ssm.describeMaintenanceWindowExecutions(b -> b.windowId(id)).windowExecutions().size() == 2
                ? Boolean.TRUE : null);
        Thread.sleep(200);
        assertEquals(2, ssm.describeMaintenanceWindowExecutions(b -> b.windowId(id)).windowExecutions().size());
        ssm.deleteMaintenanceWindow(b -> b.windowId(id));
    }

    @Test
    void aFailingFunctionFailsItsInvocationAndADisabledWindowDoesNotRun() throws Exception {
        String id = ssm.createMaintenanceWindow(b -> b.name("failing").schedule("rate(1 day)").duration(2).cutoff(1)
                .allowUnassociatedTargets(true)).windowId();
        ssm.registerTaskWithMaintenanceWindow(b -> b.windowId(id).taskType(MaintenanceWindowTaskType.LAMBDA)
                .taskArn("broken"));
        String off = ssm.createMaintenanceWindow(b -> b.name("off").schedule("rate(1 day)").duration(2).cutoff(1)
                .allowUnassociatedTargets(true)).windowId();
        ssm.updateMaintenanceWindow(b -> b.windowId(off).enabled(false));
        gureum.context().clock().advance(Duration.ofDays(1).plusMinutes(1));
        MaintenanceWindowExecution execution = waitFor(() -> {
            var all = ssm.describeMaintenanceWindowExecutions(b -> b.windowId(id)).windowExecutions();
            return all.size() == 1 && all.get(0).endTime() != null ? all.get(0) : null;
        });
        assertEquals(MaintenanceWindowExecutionStatus.FAILED, execution.status());
        var task = ssm.describeMaintenanceWindowExecutionTasks(b -> b.windowExecutionId(execution.windowExecutionId()))
                .windowExecutionTaskIdentities().get(0);
        var invocation = ssm.describeMaintenanceWindowExecutionTaskInvocations(b -> b
                .windowExecutionId(execution.windowExecutionId()).taskId(task.taskExecutionId()))
                .windowExecutionTaskInvocationIdentities().get(0);
        assertEquals(MaintenanceWindowExecutionStatus.FAILED, invocation.status());
        assertNotNull(invocation.statusDetails());
        assertTrue(invocation.statusDetails().contains("boom"), invocation.statusDetails());
        assertTrue(ssm.describeMaintenanceWindowExecutions(b -> b.windowId(off)).windowExecutions().isEmpty());
        ssm.deleteMaintenanceWindow(b -> b.windowId(id));
        ssm.deleteMaintenanceWindow(b -> b.windowId(off));
    }

    @Test
    void cancellingARunningExecutionCancelsTheTasksNotYetStarted() throws Exception {
        String id = ssm.createMaintenanceWindow(b -> b.name("cancelled").schedule("rate(12 hours)").duration(2)
                .cutoff(1).allowUnassociatedTargets(true)).windowId();
        ssm.registerTaskWithMaintenanceWindow(b -> b.windowId(id).taskType(MaintenanceWindowTaskType.LAMBDA)
                .taskArn("slow").priority(1));
        ssm.registerTaskWithMaintenanceWindow(b -> b.windowId(id).taskType(MaintenanceWindowTaskType.LAMBDA)
                .taskArn("fn").priority(2).taskInvocationParameters(p -> p.lambda(l -> l.qualifier("after-cancel"))));
        gureum.context().clock().advance(Duration.ofHours(12).plusMinutes(1));
        MaintenanceWindowExecution running = waitFor(() -> {
            var all = ssm.describeMaintenanceWindowExecutions(b -> b.windowId(id)).windowExecutions();
            return all.size() == 1 ? all.get(0) : null;
        });
        assertEquals(MaintenanceWindowExecutionStatus.IN_PROGRESS, running.status(), "the slow function holds it");
        ssm.cancelMaintenanceWindowExecution(b -> b.windowExecutionId(running.windowExecutionId()));
        assertEquals(MaintenanceWindowExecutionStatus.CANCELLING, ssm.getMaintenanceWindowExecution(b -> b
                .windowExecutionId(running.windowExecutionId())).status());
        FakeLambda.RELEASE.countDown();
        var done = waitFor(() -> {
            var e = ssm.getMaintenanceWindowExecution(b -> b.windowExecutionId(running.windowExecutionId()));
            return e.endTime() != null ? e : null;
        });
        assertEquals(MaintenanceWindowExecutionStatus.CANCELLED, done.status());
        Map<String, MaintenanceWindowExecutionStatus> statuses = ssm.describeMaintenanceWindowExecutionTasks(b -> b
                .windowExecutionId(running.windowExecutionId())).windowExecutionTaskIdentities().stream()
                .collect(Collectors.toMap(MaintenanceWindowExecutionTaskIdentity::taskArn,
                        MaintenanceWindowExecutionTaskIdentity::status));
        assertEquals(MaintenanceWindowExecutionStatus.SUCCESS, statuses.get("slow"), "a started task runs to its end");
        assertEquals(MaintenanceWindowExecutionStatus.CANCELLED, statuses.get("fn"));
        assertTrue(FakeLambda.CALLS.stream().noneMatch(c -> "after-cancel".equals(c.qualifier())));
        ssm.deleteMaintenanceWindow(b -> b.windowId(id));
    }

    /** Polls (every 20 ms, up to 30 s) until {@code probe} answers non-null: the run happens on a worker. */
    static <T> T waitFor(Supplier<T> probe) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < end) {
            T value = probe.get();
            if (value != null) {
                return value;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("timed out waiting");
    }
}
