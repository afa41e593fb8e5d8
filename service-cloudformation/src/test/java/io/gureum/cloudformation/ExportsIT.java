package io.gureum.cloudformation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ExportsIT extends CloudFormationTestSupport {

    @Test
    void anExportInUseCannotBeDeleted() {
        String producer = unique("producer");
        String exportName = producer + "-value";
        cfn.createStack(b -> b.stackName(producer).templateBody("""
                Resources:
                  Thing:
                    Type: Gureum::Test::Thing
                    Properties:
                      Value: shared
                Outputs:
                  Value:
                    Value: !GetAtt Thing.Value
                    Export:
                      Name: !Sub "${AWS::StackName}-value"
                """));
        assertEquals("CREATE_COMPLETE", settle(producer).stackStatusAsString());
        assertTrue(cfn.listExports(b -> { }).exports().stream()
                .anyMatch(e -> e.name().equals(exportName) && e.value().equals("shared")));
        assertEquals("Export '" + exportName + "' is not imported by any stack.", fails(400, "ValidationError",
                () -> cfn.listImports(b -> b.exportName(exportName))).awsErrorDetails().errorMessage());

        String consumer = unique("consumer");
        String consumerId = cfn.createStack(b -> b.stackName(consumer).templateBody("""
                Parameters:
                  Producer:
                    Type: String
                Resources:
                  Thing:
                    Type: Gureum::Test::Thing
                    Properties:
                      Value: !ImportValue
                        Fn::Sub: "${Producer}-value"
                Outputs:
                  Seen:
                    Value: !GetAtt Thing.Value
                """).parameters(p -> p.parameterKey("Producer").parameterValue(producer))).stackId();
        assertEquals("shared", settle(consumer).outputs().get(0).outputValue());
        assertEquals(List.of(consumer), cfn.listImports(b -> b.exportName(exportName)).imports());

        cfn.deleteStack(b -> b.stackName(producer));
        assertEquals("DELETE_FAILED", settle(producer).stackStatusAsString());
        assertEquals("Export " + exportName + " cannot be deleted as it is in use by " + consumer,
                cfn.describeStacks(b -> b.stackName(producer)).stacks().get(0).stackStatusReason());

        // A second stack cannot export the same name.
        String rival = unique("rival");
        cfn.createStack(b -> b.stackName(rival).templateBody("""
                Parameters:
                  Name:
                    Type: String
                Resources:
                  Thing:
                    Type: Gureum::Test::Thing
                Outputs:
                  Value:
                    Value: x
                    Export:
                      Name: !Ref Name
                """).parameters(p -> p.parameterKey("Name").parameterValue(exportName)));
        assertEquals("ROLLBACK_COMPLETE", settle(rival).stackStatusAsString());

        assertEquals("No export named nothing-here found.", fails(400, "ValidationError",
                () -> cfn.createStack(b -> b.stackName(unique("noexport")).templateBody(
                        "Resources:\n  T:\n    Type: Gureum::Test::Thing\n    Properties:\n"
                                + "      Value: !ImportValue nothing-here\n"))).awsErrorDetails().errorMessage());

        cfn.deleteStack(b -> b.stackName(consumer));
        settle(consumerId);
        String id = cfn.describeStacks(b -> b.stackName(producer)).stacks().get(0).stackId();
        cfn.deleteStack(b -> b.stackName(producer));
        assertEquals("DELETE_COMPLETE", settle(id).stackStatusAsString());
    }
}
