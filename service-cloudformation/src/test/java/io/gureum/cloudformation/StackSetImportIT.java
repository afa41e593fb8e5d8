package io.gureum.cloudformation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudformation.model.StackSetOperation;

/** ImportStacksToStackSet: an existing stack becomes a stack set's instance. */
class StackSetImportIT extends CloudFormationTestSupport {
    private static final String THING = """
            Resources:
              One:
                Type: Gureum::Test::Thing
                Properties:
                  Value: v
            """;

    private static StackSetOperation awaitOperation(String set, String operationId) {
        for (int i = 0; i < 1200; i++) {
            StackSetOperation op = cfn.describeStackSetOperation(b -> b.stackSetName(set).operationId(operationId))
                    .stackSetOperation();
            if (!op.statusAsString().equals("RUNNING") && !op.statusAsString().equals("STOPPING")) {
                return op;
            }
            sleep(100);
        }
        return fail("operation " + operationId + " never ended");
    }

    @Test
    void anExistingStackBecomesAnInstance() {
        String stack = unique("standalone");
        String stackId = cfn.createStack(b -> b.stackName(stack).templateBody(THING)).stackId();
        assertEquals("CREATE_COMPLETE", settle(stack).stackStatusAsString());
        String set = unique("imported");
        cfn.createStackSet(b -> b.stackSetName(set).templateBody(THING));
        String op = cfn.importStacksToStackSet(b -> b.stackSetName(set).stackIds(stackId)).operationId();
        assertEquals("SUCCEEDED", awaitOperation(set, op).statusAsString());
        String account = stackId.split(":")[4];
        var instance = cfn.describeStackInstance(b -> b.stackSetName(set).stackInstanceAccount(account)
                .stackInstanceRegion("us-east-1")).stackInstance();
        assertEquals(stackId, instance.stackId());
        assertEquals("CURRENT", instance.statusAsString());
        assertEquals("CREATE_COMPLETE", settle(stack).stackStatusAsString());

        fails(400, "ValidationError", () -> cfn.importStacksToStackSet(b -> b.stackSetName(set).stackIds(stackId)));
        String missing = stackId.substring(0, stackId.lastIndexOf('/') + 1) + "00000000-0000-0000-0000-000000000000";
        fails(404, "StackNotFoundException", () -> cfn.importStacksToStackSet(b -> b.stackSetName(set)
                .stackIds(missing)));
        fails(404, "StackSetNotFoundException", () -> cfn.importStacksToStackSet(b -> b.stackSetName(unique("none"))
                .stackIds(stackId)));
    }
}
