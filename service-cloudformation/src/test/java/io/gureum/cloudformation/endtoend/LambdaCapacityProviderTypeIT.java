package io.gureum.cloudformation.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.testing.AwsClients;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudformation.model.Capability;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.CapacityProvider;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/**
 * AWS::Lambda::CapacityProvider deployed by CreateStack (complete once Lambda reports it Active on the clock the
 * stack polls advance), its scaling changed in place and its name replaced by UpdateStack, deleted.
 */
class LambdaCapacityProviderTypeIT extends EndToEndSupport {
    private static final String TEMPLATE = """
            Parameters:
              ProviderName: {Type: String}
              MaxVCpu: {Type: Number}
              Team: {Type: String}
            Resources:
              Vpc:
                Type: AWS::EC2::VPC
                Properties: {CidrBlock: 10.50.0.0/16}
              Subnet:
                Type: AWS::EC2::Subnet
                Properties: {VpcId: !Ref Vpc, CidrBlock: 10.50.1.0/24}
              Group:
                Type: AWS::EC2::SecurityGroup
                Properties: {VpcId: !Ref Vpc, GroupDescription: managed instances}
              Operator:
                Type: AWS::IAM::Role
                Properties:
                  AssumeRolePolicyDocument:
                    Version: '2012-10-17'
                    Statement:
                      - Effect: Allow
                        Principal: {Service: lambda.amazonaws.com}
                        Action: sts:AssumeRole
              Provider:
                Type: AWS::Lambda::CapacityProvider
                Properties:
                  CapacityProviderName: !Ref ProviderName
                  VpcConfig:
                    SubnetIds: [!Ref Subnet]
                    SecurityGroupIds: [!Ref Group]
                  PermissionsConfig: {CapacityProviderOperatorRoleArn: !GetAtt Operator.Arn}
                  InstanceRequirements: {Architectures: [x86_64]}
                  CapacityProviderScalingConfig: {MaxVCpuCount: !Ref MaxVCpu, ScalingMode: Auto}
                  Tags: [{Key: team, Value: !Ref Team}]
            Outputs:
              ProviderRef: {Value: !Ref Provider}
              ProviderArn: {Value: !GetAtt Provider.Arn}
              ProviderState: {Value: !GetAtt Provider.State}
            """;

    private static List<Parameter> parameters(String name, int vcpu, String team) {
        return List.of(p("ProviderName", name), p("MaxVCpu", String.valueOf(vcpu)), p("Team", team));
    }

    private static Parameter p(String key, String value) {
        return Parameter.builder().parameterKey(key).parameterValue(value).build();
    }

    private static Stack settled(String stack, String expected) {
        Stack s = settle(stack);
        assertEquals(expected, s.stackStatusAsString(), cfn.describeStackEvents(b -> b.stackName(stack)).stackEvents()
                .stream().filter(e -> e.resourceStatusReason() != null).map(e -> e.logicalResourceId() + ": "
                        + e.resourceStatusReason()).collect(Collectors.joining("\n")));
        return s;
    }

    @Test
    void capacityProviderIsCreatedUpdatedReplacedAndDeleted() {
        String name = unique("capacity");
        try (LambdaClient lambda = AwsClients.client(LambdaClient.builder(), gureum)) {
            cfn.createStack(b -> b.stackName(name).templateBody(TEMPLATE).capabilities(Capability.CAPABILITY_IAM)
                    .parameters(parameters(name + "-p", 16, "a")));
            Stack created = settled(name, "CREATE_COMPLETE");
            assertEquals(name + "-p", output(created, "ProviderRef"));
            assertEquals("Active", output(created, "ProviderState"));
            CapacityProvider p = lambda.getCapacityProvider(b -> b.capacityProviderName(name + "-p")).capacityProvider();
            assertEquals(p.capacityProviderArn(), output(created, "ProviderArn"));
            assertEquals("Active", p.stateAsString());
            assertEquals(16, p.capacityProviderScalingConfig().maxVCpuCount());
            assertEquals(1, p.vpcConfig().subnetIds().size());
            assertEquals("a", lambda.listTags(b -> b.resource(p.capacityProviderArn())).tags().get("team"));

            cfn.updateStack(b -> b.stackName(name).templateBody(TEMPLATE).capabilities(Capability.CAPABILITY_IAM)
                    .parameters(parameters(name + "-p", 32, "b")));
            Stack inPlace = settled(name, "UPDATE_COMPLETE");
            assertEquals(name + "-p", output(inPlace, "ProviderRef"));
            assertEquals(32, lambda.getCapacityProvider(b -> b.capacityProviderName(name + "-p")).capacityProvider()
                    .capacityProviderScalingConfig().maxVCpuCount());
            assertEquals("b", lambda.listTags(b -> b.resource(p.capacityProviderArn())).tags().get("team"));

            cfn.updateStack(b -> b.stackName(name).templateBody(TEMPLATE).capabilities(Capability.CAPABILITY_IAM)
                    .parameters(parameters(name + "-q", 32, "b")));
            Stack replaced = settled(name, "UPDATE_COMPLETE");
            assertNotEquals(output(inPlace, "ProviderArn"), output(replaced, "ProviderArn"));
            assertTrue(output(replaced, "ProviderArn").endsWith(":capacity-provider:" + name + "-q"));
            assertThrows(ResourceNotFoundException.class,
                    () -> lambda.getCapacityProvider(b -> b.capacityProviderName(name + "-p")));

            cfn.deleteStack(b -> b.stackName(name));
            settled(replaced.stackId(), "DELETE_COMPLETE");
            assertThrows(ResourceNotFoundException.class,
                    () -> lambda.getCapacityProvider(b -> b.capacityProviderName(name + "-q")));
        }
    }
}
