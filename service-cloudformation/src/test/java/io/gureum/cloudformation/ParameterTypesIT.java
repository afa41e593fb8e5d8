package io.gureum.cloudformation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gureum.core.Gureum;
import io.gureum.core.testing.AwsClients;
import io.gureum.junit5.GureumExtension;
import io.gureum.ssm.SsmService;
import io.gureum.vpc.VpcService;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ssm.SsmClient;

/** AWS-specific parameter types checked through EC2, and SSM parameter types read from Parameter Store. */
class ParameterTypesIT {
    @RegisterExtension
    static final GureumExtension aws = GureumExtension.builder().services(new CloudFormationService(List.of(
            new CloudFormationTestSupport.ThingHandler())), new VpcService(), new SsmService()).build();
    static CloudFormationClient cfn;
    static Ec2Client ec2;
    static SsmClient ssm;

    @BeforeAll
    static void start() {
        Gureum gureum = aws.gureum();
        cfn = AwsClients.client(CloudFormationClient.builder(), gureum);
        ec2 = AwsClients.client(Ec2Client.builder(), gureum);
        ssm = AwsClients.client(SsmClient.builder(), gureum);
    }

    @AfterAll
    static void stop() {
        cfn.close();
        ec2.close();
        ssm.close();
    }

    static final String TEMPLATE = """
            Parameters:
              Vpc:
                Type: AWS::EC2::VPC::Id
              Size:
                Type: AWS::SSM::Parameter::Value<String>
            Resources:
              T:
                Type: Gureum::Test::Thing
                Properties:
                  Value: !Sub "${Vpc}/${Size}"
            Outputs:
              Value:
                Value: !GetAtt T.Value
            """;

    @Test
    void vpcIdsAreCheckedAndSsmValuesResolved() {
        String vpc = ec2.createVpc(b -> b.cidrBlock("10.42.0.0/16")).vpc().vpcId();
        String param = "/cfn-test/size-" + System.nanoTime();
        ssm.putParameter(b -> b.name(param).value("large").type("String"));

        String name = CloudFormationTestSupport.unique("types");
        cfn.createStack(b -> b.stackName(name).templateBody(TEMPLATE).parameters(
                Parameter.builder().parameterKey("Vpc").parameterValue(vpc).build(),
                Parameter.builder().parameterKey("Size").parameterValue(param).build()));
        Stack stack = settle(name);
        assertEquals("CREATE_COMPLETE", stack.stackStatusAsString(), stack.stackStatusReason());
        assertEquals(vpc + "/large", stack.outputs().get(0).outputValue());
        Parameter size = stack.parameters().stream().filter(p -> p.parameterKey().equals("Size")).findFirst()
                .orElseThrow();
        assertEquals(param, size.parameterValue());
        assertEquals("large", size.resolvedValue());

        assertEquals("Parameter validation failed: parameter value vpc-0123456789abcdef0 for parameter name Vpc does"
                + " not exist", error(() -> cfn.createStack(b -> b.stackName(CloudFormationTestSupport.unique("novpc"))
                        .templateBody(TEMPLATE).parameters(
                                Parameter.builder().parameterKey("Vpc").parameterValue("vpc-0123456789abcdef0").build(),
                                Parameter.builder().parameterKey("Size").parameterValue(param).build()))));
        assertEquals("Unable to fetch parameters [/cfn-test/none] from parameter store for this account.",
                error(() -> cfn.createStack(b -> b.stackName(CloudFormationTestSupport.unique("nossm"))
                        .templateBody(TEMPLATE).parameters(
                                Parameter.builder().parameterKey("Vpc").parameterValue(vpc).build(),
                                Parameter.builder().parameterKey("Size").parameterValue("/cfn-test/none").build()))));
    }

    private static String error(org.junit.jupiter.api.function.Executable call) {
        AwsServiceException e = org.junit.jupiter.api.Assertions.assertThrows(AwsServiceException.class, call);
        assertEquals("ValidationError", e.awsErrorDetails().errorCode());
        return e.awsErrorDetails().errorMessage();
    }

    private static Stack settle(String stack) {
        for (int i = 0; i < 6000; i++) {
            Stack s = cfn.describeStacks(b -> b.stackName(stack)).stacks().get(0);
            if (!s.stackStatusAsString().endsWith("_IN_PROGRESS")) {
                return s;
            }
            CloudFormationTestSupport.sleep(50);
        }
        throw new AssertionError("stack " + stack + " never settled");
    }
}
