package io.gureum.ssm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gureum.core.Gureum;
import io.gureum.core.GureumConfig;
import io.gureum.core.testing.AwsClients;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.DoesNotExistException;
import software.amazon.awssdk.services.ssm.model.MaintenanceWindowExecutionStatus;
import software.amazon.awssdk.services.ssm.model.MaintenanceWindowResourceType;
import software.amazon.awssdk.services.ssm.model.MaintenanceWindowTaskType;
import software.amazon.awssdk.services.ssm.model.OperatingSystem;
import software.amazon.awssdk.services.ssm.model.ResourceTypeForTagging;

/**
 * Maintenance windows (targets, tasks, executions, tags, client tokens) and patch baselines (defaults,
 * patch groups) found again after a restart on the same --data-dir, and a window still runs afterwards.
 */
class MaintenanceRestartIT {
    @TempDir
    Path dataDir;

    private Gureum start() {
        return Gureum.start(GureumConfig.builder().port(0).dataDir(dataDir).build());
    }

    @Test
    void windowsAndBaselinesSurviveARestart() throws Exception {
        String windowId;
        String targetId;
        String taskId;
        String baselineId;
        String executionId;
        try (Gureum g = start(); SsmClient ssm = AwsClients.client(SsmClient.builder(), g)) {
            windowId = ssm.createMaintenanceWindow(b -> b.name("kept").schedule("rate(1 day)").duration(2).cutoff(1)
                    .allowUnassociatedTargets(true).clientToken("once").tags(t -> t.key("env").value("dev")))
                    .windowId();
            targetId = ssm.registerTargetWithMaintenanceWindow(b -> b.windowId(windowId)
                    .resourceType(MaintenanceWindowResourceType.INSTANCE)
                    .targets(t -> t.key("InstanceIds").values("i-0123456789abcdef0"))).windowTargetId();
            taskId = ssm.registerTaskWithMaintenanceWindow(b -> b.windowId(windowId)
                    .taskType(MaintenanceWindowTaskType.STEP_FUNCTIONS)
                    .taskArn("arn:aws:states:us-east-1:000000000000:stateMachine:sm")
                    .taskInvocationParameters(p -> p.stepFunctions(s -> s.input("{}").name("run")))).windowTaskId();
            String gone = ssm.createMaintenanceWindow(b -> b.name("gone").schedule("rate(1 day)").duration(2)
                    .cutoff(1).allowUnassociatedTargets(true)).windowId();
            ssm.deleteMaintenanceWindow(b -> b.windowId(gone));
            baselineId = ssm.createPatchBaseline(b -> b.name("base").operatingSystem(OperatingSystem.UBUNTU)
                    .approvedPatches("openssl")).baselineId();
            ssm.registerDefaultPatchBaseline(b -> b.baselineId(baselineId));
            ssm.registerPatchBaselineForPatchGroup(b -> b.baselineId(baselineId).patchGroup("web"));
            g.context().clock().advance(Duration.ofDays(1).plusMinutes(1));
            executionId = WindowRunsIT.waitFor(() -> {
                var all = ssm.describeMaintenanceWindowExecutions(b -> b.windowId(windowId)).windowExecutions();
                return all.size() == 1 && all.get(0).endTime() != null ? all.get(0).windowExecutionId() : null;
            });
        }
        try (Gureum g = start(); SsmClient ssm = AwsClients.client(SsmClient.builder(), g)) {
            var w = ssm.getMaintenanceWindow(b -> b.windowId(windowId));
            assertEquals("kept", w.name());
            assertEquals(1, ssm.listTagsForResource(b -> b.resourceType(ResourceTypeForTagging.MAINTENANCE_WINDOW)
                    .resourceId(windowId)).tagList().size());
            assertEquals(windowId, ssm.createMaintenanceWindow(b -> b.name("kept").schedule("rate(1 day)").duration(2)
                    .cutoff(1).allowUnassociatedTargets(true).clientToken("once").tags(t -> t.key("env").value("dev")))
                    .windowId(), "the client token is remembered");
            assertEquals(List.of(targetId), ssm.describeMaintenanceWindowTargets(b -> b.windowId(windowId)).targets()
                    .stream().map(t -> t.windowTargetId()).toList());
            assertEquals("run", ssm.getMaintenanceWindowTask(b -> b.windowId(windowId).windowTaskId(taskId))
                    .taskInvocationParameters().stepFunctions().name());
            var e = ssm.getMaintenanceWindowExecution(b -> b.windowExecutionId(executionId));
            assertEquals(MaintenanceWindowExecutionStatus.FAILED, e.status(), "Step Functions tasks cannot run");
            assertEquals(1, ssm.describeMaintenanceWindows().windowIdentities().size());
            var base = ssm.getPatchBaseline(b -> b.baselineId(baselineId));
            assertEquals(List.of("openssl"), base.approvedPatches());
            assertEquals(List.of("web"), base.patchGroups());
            assertEquals(baselineId, ssm.getDefaultPatchBaseline(b -> b.operatingSystem(OperatingSystem.UBUNTU))
                    .baselineId());
            assertThrows(DoesNotExistException.class, () -> ssm.getMaintenanceWindowExecution(b -> b
                    .windowExecutionId("11111111-2222-3333-4444-555555555555")));

            ssm.registerTaskWithMaintenanceWindow(b -> b.windowId(windowId).taskType(MaintenanceWindowTaskType.LAMBDA)
                    .taskArn("fn").taskInvocationParameters(p -> p.lambda(l -> l.payload(SdkBytes.fromUtf8String("{}")))));
            g.context().clock().advance(Duration.ofDays(1).plusMinutes(1));
            WindowRunsIT.waitFor(() -> ssm.describeMaintenanceWindowExecutions(b -> b.windowId(windowId))
                    .windowExecutions().size() == 2 ? Boolean.TRUE : null);
        }
    }
}
