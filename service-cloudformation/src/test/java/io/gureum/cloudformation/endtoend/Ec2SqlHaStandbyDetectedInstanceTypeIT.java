package io.gureum.cloudformation.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.ec2.model.RegisteredInstance;

/**
 * AWS::EC2::SqlHaStandbyDetectedInstance on an instance of a SQL Server license-included AMI, with a Secrets Manager
 * secret as its credentials: deployed, its credentials changed in place, removed from the template (the instance is
 * disabled and stays), and the stack deleted, each step checked through EC2.
 */
class Ec2SqlHaStandbyDetectedInstanceTypeIT extends EndToEndSupport {
    /** Moves the core clock while the instance launches and terminates (2 s each), rather than waiting. */
    @org.junit.jupiter.api.extension.RegisterExtension
    final io.gureum.cloudformation.resource.ClockTicker ticker = new io.gureum.cloudformation.resource.ClockTicker(
            () -> gureum);

    private static final String TEMPLATE = """
            Parameters:
              Image: {Type: String}
            Resources:
              Server:
                Type: AWS::EC2::Instance
                Properties: {ImageId: !Ref Image, InstanceType: m5.large}
              First:
                Type: AWS::SecretsManager::Secret
                Properties: {SecretString: '{"username":"sa","password":"first"}'}
              Second:
                Type: AWS::SecretsManager::Secret
                Properties: {SecretString: '{"username":"sa","password":"second"}'}
            %s
            Outputs:
              Server: {Value: !Ref Server}
              First: {Value: !Ref First}
              Second: {Value: !Ref Second}
            %s
            """;

    private static final String DETECTION = """
              Detection:
                Type: AWS::EC2::SqlHaStandbyDetectedInstance
                Properties: {InstanceId: !Ref Server, SqlServerCredentials: !Ref %s}
            """;

    private static final String OUTPUTS = """
              Detection: {Value: !Ref Detection}
              HaStatus: {Value: !GetAtt Detection.HaStatus}
              Usage: {Value: !GetAtt Detection.SqlServerLicenseUsage}
              Updated: {Value: !GetAtt Detection.LastUpdatedTime}
            """;

    private static String stack(String secret) {
        return secret == null ? TEMPLATE.formatted("", "") : TEMPLATE.formatted(DETECTION.formatted(secret), OUTPUTS);
    }

    private static String reasons(String stack) {
        return cfn.describeStackEvents(b -> b.stackName(stack)).stackEvents().stream()
                .filter(e -> e.resourceStatusReason() != null)
                .map(e -> e.logicalResourceId() + " " + e.resourceStatusAsString() + ": " + e.resourceStatusReason())
                .collect(Collectors.joining("\n"));
    }

    private static List<RegisteredInstance> states(String instance) {
        return ec2.describeInstanceSqlHaStates(b -> b.instanceIds(instance)).instances();
    }

    @Test
    void deployChangeCredentialsRemoveAndDelete() {
        String image = ec2.describeImages(b -> b.owners("amazon").filters(filter("platform-details",
                "Windows with SQL Server Standard"))).images().get(0).imageId();
        Parameter imageParameter = Parameter.builder().parameterKey("Image").parameterValue(image).build();
        String name = unique("sqlha");
        String id = cfn.createStack(b -> b.stackName(name).templateBody(stack("First"))
                .parameters(imageParameter)).stackId();
        Stack s = settle(id);
        assertEquals("CREATE_COMPLETE", s.stackStatusAsString(), reasons(id));
        String server = output(s, "Server");
        assertEquals(server, output(s, "Detection"), "Ref is the instance ID");
        assertEquals("processing", output(s, "HaStatus"));
        assertEquals("full", output(s, "Usage"));
        Instant.parse(output(s, "Updated"));
        RegisteredInstance enabled = states(server).get(0);
        assertEquals(output(s, "First"), enabled.sqlServerCredentials());

        cfn.updateStack(b -> b.stackName(id).templateBody(stack("Second")).parameters(imageParameter));
        Stack updated = settle(id);
        assertEquals("UPDATE_COMPLETE", updated.stackStatusAsString(), reasons(id));
        assertEquals(server, output(updated, "Detection"), "the credentials change in place");
        assertEquals(output(s, "Second"), states(server).get(0).sqlServerCredentials());

        cfn.updateStack(b -> b.stackName(id).templateBody(stack(null)).parameters(imageParameter));
        assertEquals("UPDATE_COMPLETE", settle(id).stackStatusAsString(), reasons(id));
        assertTrue(states(server).isEmpty(), "removed from the template, the instance is disabled");
        assertEquals("running", ec2.describeInstances(b -> b.instanceIds(server)).reservations().get(0).instances()
                .get(0).state().nameAsString());

        cfn.updateStack(b -> b.stackName(id).templateBody(stack("First")).parameters(imageParameter));
        assertEquals("UPDATE_COMPLETE", settle(id).stackStatusAsString(), reasons(id));
        assertEquals(1, states(server).size());
        cfn.deleteStack(b -> b.stackName(id));
        assertEquals("DELETE_COMPLETE", settle(id).stackStatusAsString(), reasons(id));
        assertTrue(states(server).isEmpty());
    }
}
