package io.gureum.cloudformation.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.testing.AwsClients;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.DoesNotExistException;
import software.amazon.awssdk.services.ssm.model.OperatingSystem;
import software.amazon.awssdk.services.ssm.model.ResourceTypeForTagging;

/**
 * AWS::SSM::MaintenanceWindow, MaintenanceWindowTarget, MaintenanceWindowTask and PatchBaseline deployed by
 * CreateStack (each Ref its ID), updated in place by UpdateStack, deleted with the stack.
 */
class SsmMaintenanceStackIT extends EndToEndSupport {
    private static final String TEMPLATE = """
            Parameters:
              Hours: {Type: Number}
              Group: {Type: String}
            Resources:
              Window:
                Type: AWS::SSM::MaintenanceWindow
                Properties:
                  Name: patch-window
                  Schedule: cron(0 3 ? * SUN *)
                  ScheduleTimezone: Europe/Paris
                  Duration: !Ref Hours
                  Cutoff: 1
                  AllowUnassociatedTargets: false
                  Tags:
                    - {Key: team, Value: blue}
              Nodes:
                Type: AWS::SSM::MaintenanceWindowTarget
                Properties:
                  WindowId: !Ref Window
                  ResourceType: INSTANCE
                  OwnerInformation: ops
                  Targets:
                    - Key: tag:Patch
                      Values: [yes]
              Task:
                Type: AWS::SSM::MaintenanceWindowTask
                Properties:
                  WindowId: !Ref Window
                  TaskType: LAMBDA
                  TaskArn: arn:aws:lambda:us-east-1:000000000000:function:patcher
                  Priority: 1
                  Targets:
                    - Key: WindowTargetIds
                      Values: [!Ref Nodes]
                  TaskInvocationParameters:
                    MaintenanceWindowLambdaParameters:
                      Qualifier: live
                      Payload: '{"window": "{{WINDOW_ID}}"}'
              Baseline:
                Type: AWS::SSM::PatchBaseline
                Properties:
                  Name: al2-security
                  OperatingSystem: AMAZON_LINUX_2
                  PatchGroups: [!Ref Group]
                  ApprovalRules:
                    PatchRules:
                      - ApproveAfterDays: '7'
                        ComplianceLevel: CRITICAL
                        PatchFilterGroup:
                          PatchFilters:
                            - {Key: CLASSIFICATION, Values: [Security]}
                  RejectedPatches: [telnet]
            Outputs:
              Window: {Value: !Ref Window}
              Target: {Value: !Ref Nodes}
              Task: {Value: !Ref Task}
              Baseline: {Value: !Ref Baseline}
            """;

    @Test
    void maintenanceResourcesAreCreatedUpdatedAndDeleted() {
        String stack = unique("ssm-mw");
        cfn.createStack(b -> b.stackName(stack).templateBody(TEMPLATE).parameters(
                p -> p.parameterKey("Hours").parameterValue("3"), p -> p.parameterKey("Group").parameterValue("web")));
        Stack created = settle(stack);
        assertEquals("CREATE_COMPLETE", created.stackStatusAsString(), created.stackStatusReason());
        String window = output(created, "Window");
        String target = output(created, "Target");
        String task = output(created, "Task");
        String baseline = output(created, "Baseline");
        assertTrue(window.matches("mw-[0-9a-f]{17}"), window);
        assertTrue(baseline.matches("pb-[0-9a-f]{17}"), baseline);
        try (SsmClient ssm = AwsClients.client(SsmClient.builder(), gureum)) {
            var w = ssm.getMaintenanceWindow(b -> b.windowId(window));
            assertEquals(3, w.duration());
            assertEquals("Europe/Paris", w.scheduleTimezone());
            assertTrue(ssm.listTagsForResource(b -> b.resourceType(ResourceTypeForTagging.MAINTENANCE_WINDOW)
                    .resourceId(window)).tagList().stream().anyMatch(t -> t.key().equals("team")));
            var targets = ssm.describeMaintenanceWindowTargets(b -> b.windowId(window)).targets();
            assertEquals(List.of(target), targets.stream().map(t -> t.windowTargetId()).toList());
            assertEquals("ops", targets.get(0).ownerInformation());
            var t = ssm.getMaintenanceWindowTask(b -> b.windowId(window).windowTaskId(task));
            assertEquals("live", t.taskInvocationParameters().lambda().qualifier());
            assertEquals("{\"window\": \"{{WINDOW_ID}}\"}", t.taskInvocationParameters().lambda().payload()
                    .asUtf8String());
            assertEquals(List.of(target), t.targets().get(0).values());
            var base = ssm.getPatchBaseline(b -> b.baselineId(baseline));
            assertEquals(OperatingSystem.AMAZON_LINUX_2, base.operatingSystem());
            assertEquals(7, base.approvalRules().patchRules().get(0).approveAfterDays());
            assertEquals(List.of("web"), base.patchGroups());

            cfn.updateStack(b -> b.stackName(stack).templateBody(TEMPLATE).parameters(
                    p -> p.parameterKey("Hours").parameterValue("5"),
                    p -> p.parameterKey("Group").parameterValue("db")));
            Stack updated = settle(stack);
            assertEquals("UPDATE_COMPLETE", updated.stackStatusAsString(), updated.stackStatusReason());
            assertEquals(window, output(updated, "Window"), "the window is updated in place");
            assertEquals(baseline, output(updated, "Baseline"), "the baseline is updated in place");
            assertEquals(5, ssm.getMaintenanceWindow(b -> b.windowId(window)).duration());
            assertEquals(List.of("db"), ssm.getPatchBaseline(b -> b.baselineId(baseline)).patchGroups());

            cfn.deleteStack(b -> b.stackName(stack));
            assertEquals("DELETE_COMPLETE", settle(updated.stackId()).stackStatusAsString());
            assertThrows(DoesNotExistException.class, () -> ssm.getMaintenanceWindow(b -> b.windowId(window)));
            assertThrows(DoesNotExistException.class, () -> ssm.getPatchBaseline(b -> b.baselineId(baseline)));
        }
    }
}
