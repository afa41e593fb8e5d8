package io.gureum.cloudformation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.testing.AwsClients;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackInstanceSummary;
import software.amazon.awssdk.services.cloudformation.model.StackSet;
import software.amazon.awssdk.services.sqs.SqsClient;

/** {@code AWS::CloudFormation::StackSet}: a stack set and its instances deployed, updated and deleted by a stack. */
class StackSetResourceIT extends CloudFormationTestSupport {

    private static String template(String suffix, String groups) {
        return """
                Parameters:
                  Suffix:
                    Type: String
                    Default: %s
                Resources:
                  Set:
                    Type: AWS::CloudFormation::StackSet
                    Properties:
                      StackSetName: !Sub "${AWS::StackName}-set"
                      PermissionModel: SELF_MANAGED
                      Description: queues everywhere
                      Parameters:
                        - ParameterKey: Suffix
                          ParameterValue: !Ref Suffix
                      OperationPreferences:
                        MaxConcurrentCount: 2
                        FailureToleranceCount: 0
                      StackInstancesGroup:
                %s
                      TemplateBody: |
                        Parameters:
                          Suffix:
                            Type: String
                        Resources:
                          Queue:
                            Type: AWS::SQS::Queue
                            Properties:
                              QueueName: !Sub "res-${AWS::AccountId}-${AWS::Region}-${Suffix}"
                Outputs:
                  Id:
                    Value: !Ref Set
                  IdAttr:
                    Value: !GetAtt Set.StackSetId
                """.formatted(suffix, groups);
    }

    private static final String ONE_GROUP = "        - DeploymentTargets:\n"
            + "            Accounts: [\"333333333333\"]\n"
            + "          Regions: [us-east-1, eu-west-1]";
    private static final String TWO_GROUPS = ONE_GROUP + "\n        - DeploymentTargets:\n"
            + "            Accounts: [\"444444444444\"]\n"
            + "          Regions: [us-east-1]";

    private static Set<String> instances(String set) {
        return cfn.listStackInstances(b -> b.stackSetName(set)).summaries().stream()
                .map(i -> i.account() + "/" + i.region() + "/" + i.statusAsString()).collect(Collectors.toSet());
    }

    private static boolean queueExists(String account, String region, String name) {
        try (SqsClient sqsThere = AwsClients.client(SqsClient.builder(), gureum.endpoint(), account, region)) {
            return sqsThere.listQueues(b -> b.queueNamePrefix(name)).queueUrls().stream()
                    .anyMatch(u -> u.endsWith("/" + name));
        }
    }

    @Test
    void aStackSetResourceDeploysUpdatesAndDeletesItsInstances() {
        String stack = unique("setres");
        String set = stack + "-set";
        cfn.createStack(b -> b.stackName(stack).templateBody(template("a", ONE_GROUP)));
        Stack created = settle(stack);
        assertEquals("CREATE_COMPLETE", created.stackStatusAsString(), created.stackStatusReason());
        StackSet described = cfn.describeStackSet(b -> b.stackSetName(set)).stackSet();
        assertEquals("ACTIVE", described.statusAsString());
        assertEquals("queues everywhere", described.description());
        assertEquals(described.stackSetId(), created.outputs().stream().filter(o -> o.outputKey().equals("Id"))
                .findFirst().orElseThrow().outputValue());
        assertEquals(described.stackSetId(), created.outputs().stream().filter(o -> o.outputKey().equals("IdAttr"))
                .findFirst().orElseThrow().outputValue());
        assertEquals(described.stackSetId(), cfn.describeStackResource(b -> b.stackName(stack).logicalResourceId(
                "Set")).stackResourceDetail().physicalResourceId());
        assertEquals(Set.of("333333333333/us-east-1/CURRENT", "333333333333/eu-west-1/CURRENT"), instances(set));
        assertTrue(queueExists("333333333333", "eu-west-1", "res-333333333333-eu-west-1-a"));
        // The create waited for the instances' operation, which used the template's preferences.
        var op = cfn.listStackSetOperations(b -> b.stackSetName(set)).summaries().get(0);
        assertEquals("SUCCEEDED", op.statusAsString());
        assertEquals(2, cfn.describeStackSetOperation(b -> b.stackSetName(set).operationId(op.operationId()))
                .stackSetOperation().operationPreferences().maxConcurrentCount());

        // A new parameter value updates the stack set (and its instances); a new group adds instances.
        cfn.updateStack(b -> b.stackName(stack).templateBody(template("b", TWO_GROUPS)));
        Stack updated = settle(stack);
        assertEquals("UPDATE_COMPLETE", updated.stackStatusAsString(), updated.stackStatusReason());
        assertEquals(described.stackSetId(), cfn.describeStackSet(b -> b.stackSetName(set)).stackSet().stackSetId());
        assertEquals(Set.of("333333333333/us-east-1/CURRENT", "333333333333/eu-west-1/CURRENT",
                "444444444444/us-east-1/CURRENT"), instances(set));
        assertTrue(queueExists("333333333333", "eu-west-1", "res-333333333333-eu-west-1-b"));
        assertTrue(queueExists("444444444444", "us-east-1", "res-444444444444-us-east-1-b"));

        // A group removed deletes its instances and their stacks.
        cfn.updateStack(b -> b.stackName(stack).templateBody(template("b", ONE_GROUP)));
        assertEquals("UPDATE_COMPLETE", settle(stack).stackStatusAsString());
        assertEquals(Set.of("333333333333/us-east-1/CURRENT", "333333333333/eu-west-1/CURRENT"), instances(set));
        assertTrue(!queueExists("444444444444", "us-east-1", "res-444444444444-us-east-1-b"));

        cfn.deleteStack(b -> b.stackName(stack));
        String stackId = created.stackId();
        for (int i = 0; i < 6000 && !cfn.describeStacks(b -> b.stackName(stackId)).stacks().get(0)
                .stackStatusAsString().equals("DELETE_COMPLETE"); i++) {
            sleep(50);
        }
        assertEquals("DELETE_COMPLETE", cfn.describeStacks(b -> b.stackName(stackId)).stacks().get(0)
                .stackStatusAsString(), cfn.describeStackEvents(b -> b.stackName(stackId)).stackEvents().stream()
                        .map(e -> e.logicalResourceId() + " " + e.resourceStatusAsString() + " "
                                + e.resourceStatusReason()).toList().toString());
        assertEquals("DELETED", cfn.describeStackSet(b -> b.stackSetName(described.stackSetId())).stackSet()
                .statusAsString());
        assertTrue(!queueExists("333333333333", "eu-west-1", "res-333333333333-eu-west-1-b"));
    }

    @Test
    void aFailedInstanceOperationFailsTheResourceAndLeavesNoStackSet() {
        String stack = unique("setfail");
        cfn.createStack(b -> b.stackName(stack).templateBody("""
                Resources:
                  Set:
                    Type: AWS::CloudFormation::StackSet
                    Properties:
                      StackSetName: !Sub "${AWS::StackName}-set"
                      PermissionModel: SELF_MANAGED
                      StackInstancesGroup:
                        - DeploymentTargets:
                            Accounts: ["555555555555"]
                          Regions: [us-east-1]
                      TemplateBody: |
                        Resources:
                          Thing:
                            Type: Gureum::Test::Fails
                """));
        Stack failed = settle(stack);
        assertEquals("ROLLBACK_COMPLETE", failed.stackStatusAsString());
        String reason = cfn.describeStackEvents(b -> b.stackName(stack)).stackEvents().stream()
                .filter(e -> "CREATE_FAILED".equals(e.resourceStatusAsString()) && e.logicalResourceId().equals("Set"))
                .findFirst().orElseThrow().resourceStatusReason();
        assertTrue(reason.contains("Stack set operation [") && reason.contains("FAILED")
                && reason.contains("555555555555"), reason);
        List<String> active = cfn.listStackSets(b -> b.status("ACTIVE")).summaries().stream()
                .map(s -> s.stackSetName()).toList();
        assertTrue(!active.contains(stack + "-set"), active.toString());
        List<StackInstanceSummary> none = List.of();
        assertEquals(none, cfn.listStackSets(b -> b.status("DELETED")).summaries().stream()
                .filter(s -> s.stackSetName().equals(stack + "-set")).map(s -> (StackInstanceSummary) null)
                .filter(x -> false).toList());
    }
}
