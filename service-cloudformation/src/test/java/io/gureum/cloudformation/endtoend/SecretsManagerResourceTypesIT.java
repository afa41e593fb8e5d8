package io.gureum.cloudformation.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gureum.core.testing.AwsClients;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudformation.model.Capability;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;

/**
 * AWS::SecretsManager::RotationSchedule deployed by CreateStack with a real Python rotation function run by
 * Gureum's Lambda (the stack completes once the rotation has), changed in place by UpdateStack, cancelled by
 * DeleteStack; a failing function fails the resource; HostedRotationLambda and SecretTargetAttachment fail
 * naming what is not served.
 */
class SecretsManagerResourceTypesIT extends EndToEndSupport {
    static final ObjectMapper JSON = new ObjectMapper();
    static SecretsManagerClient sm;

    /** The shape of AWS's rotation templates, minus a database; FAIL_CREATE is replaced by the test. */
    private static final String TEMPLATE = """
            Parameters:
              SecretArn: {Type: String}
              Expression: {Type: String}
              Immediately: {Type: String, Default: 'true'}
            Resources:
              Role:
                Type: AWS::IAM::Role
                Properties:
                  AssumeRolePolicyDocument:
                    Version: '2012-10-17'
                    Statement:
                      - Effect: Allow
                        Principal: {Service: lambda.amazonaws.com}
                        Action: sts:AssumeRole
              Rotator:
                Type: AWS::Lambda::Function
                Properties:
                  Runtime: python3.12
                  Handler: index.handler
                  Timeout: TIMEOUT
                  Role: !GetAtt Role.Arn
                  Code:
                    ZipFile: |
                      import json
                      import boto3

                      sm = boto3.client('secretsmanager')

                      def handler(event, context):
                          arn = event['SecretId']
                          token = event['ClientRequestToken']
                          step = event['Step']
                          FAIL_CREATE
                          versions = sm.describe_secret(SecretId=arn)['VersionIdsToStages']
                          if 'AWSCURRENT' in versions[token]:
                              return
                          if step == 'createSecret':
                              current = json.loads(sm.get_secret_value(SecretId=arn, VersionStage='AWSCURRENT')['SecretString'])
                              current['rotations'] = current.get('rotations', 0) + 1
                              sm.put_secret_value(SecretId=arn, ClientRequestToken=token,
                                                  SecretString=json.dumps(current), VersionStages=['AWSPENDING'])
                          elif step == 'finishSecret':
                              current = [v for v, s in versions.items() if 'AWSCURRENT' in s][0]
                              sm.update_secret_version_stage(SecretId=arn, VersionStage='AWSCURRENT',
                                                             MoveToVersionId=token, RemoveFromVersionId=current)
              FromSecretsManager:
                Type: AWS::Lambda::Permission
                Properties:
                  FunctionName: !GetAtt Rotator.Arn
                  Action: lambda:InvokeFunction
                  Principal: secretsmanager.amazonaws.com
              Schedule:
                Type: AWS::SecretsManager::RotationSchedule
                DependsOn: FromSecretsManager
                Properties:
                  SecretId: !Ref SecretArn
                  RotationLambdaARN: !GetAtt Rotator.Arn
                  RotateImmediatelyOnUpdate: !Ref Immediately
                  RotationRules:
                    ScheduleExpression: !Ref Expression
                    Duration: 2h
            Outputs:
              ScheduleRef: {Value: !Ref Schedule}
              ScheduleId: {Value: !GetAtt Schedule.Id}
            """;

    @BeforeAll
    static void smClient() {
        sm = AwsClients.client(SecretsManagerClient.builder(), gureum);
    }

    @AfterAll
    static void close() {
        sm.close();
    }

    private static String template(boolean failing, int timeout) {
        return TEMPLATE.replace("FAIL_CREATE", failing ? "raise RuntimeError('cannot create')" : "pass")
                .replace("TIMEOUT", String.valueOf(timeout));
    }

    private static List<Parameter> parameters(String secret, String schedule, String immediately) {
        return List.of(p("SecretArn", secret), p("Expression", schedule), p("Immediately", immediately));
    }

    private static Parameter p(String key, String value) {
        return Parameter.builder().parameterKey(key).parameterValue(value).build();
    }

    private static String secret() {
        return sm.createSecret(b -> b.name(unique("rotated")).clientRequestToken(UUID.randomUUID().toString())
                .secretString("{\"password\":\"first\"}")).arn();
    }

    private static int rotations(String secret) throws Exception {
        return JSON.readTree(sm.getSecretValue(b -> b.secretId(secret)).secretString()).path("rotations").asInt();
    }

    private static String reasons(String stack) {
        return cfn.describeStackEvents(b -> b.stackName(stack)).stackEvents().stream()
                .filter(e -> e.resourceStatusReason() != null)
                .map(e -> e.logicalResourceId() + " " + e.resourceStatusAsString() + ": " + e.resourceStatusReason())
                .collect(Collectors.joining("\n"));
    }

    @Test
    void rotationScheduleRotatesChangesInPlaceAndIsCancelled() throws Exception {
        String secret = secret();
        String name = unique("rotation");
        cfn.createStack(b -> b.stackName(name).templateBody(template(false, 60)).capabilities(Capability.CAPABILITY_IAM)
                .parameters(parameters(secret, "rate(10 days)", "true")));
        Stack created = settle(name);
        assertEquals("CREATE_COMPLETE", created.stackStatusAsString(), reasons(name));
        assertEquals(secret, output(created, "ScheduleRef"));
        assertEquals(secret, output(created, "ScheduleId"));
        // The stack completed after the rotation had: the function's value is AWSCURRENT already.
        assertEquals(1, rotations(secret));
        DescribeSecretResponse d = sm.describeSecret(b -> b.secretId(secret));
        assertTrue(d.rotationEnabled());
        assertEquals("rate(10 days)", d.rotationRules().scheduleExpression());
        assertEquals("2h", d.rotationRules().duration());
        assertTrue(d.rotationLambdaARN().contains(":function:"), d.rotationLambdaARN());
        assertNotNull(d.lastRotatedDate());
        assertTrue(d.versionIdsToStages().values().stream().noneMatch(s -> s.contains("AWSPENDING")));

        // In place, without rotating (RotateImmediatelyOnUpdate false runs only testSecret).
        cfn.updateStack(b -> b.stackName(name).templateBody(template(false, 60)).capabilities(Capability.CAPABILITY_IAM)
                .parameters(parameters(secret, "rate(20 days)", "false")));
        Stack updated = settle(name);
        assertEquals("UPDATE_COMPLETE", updated.stackStatusAsString(), reasons(name));
        assertEquals(secret, output(updated, "ScheduleRef"));
        assertEquals("rate(20 days)", sm.describeSecret(b -> b.secretId(secret)).rotationRules().scheduleExpression());
        assertEquals(1, rotations(secret));
        assertTrue(sm.describeSecret(b -> b.secretId(secret)).versionIdsToStages().values().stream()
                .noneMatch(s -> s.contains("AWSPENDING")));

        cfn.deleteStack(b -> b.stackName(name));
        assertEquals("DELETE_COMPLETE", settle(updated.stackId()).stackStatusAsString(), reasons(updated.stackId()));
        DescribeSecretResponse after = sm.describeSecret(b -> b.secretId(secret));
        assertTrue(after.rotationEnabled() == null || !after.rotationEnabled(), after.toString());
        assertEquals(1, rotations(secret));
    }

    @Test
    void aFailingRotationFailsTheResource() {
        String secret = secret();
        String name = unique("rotation-fail");
        // The resource gives the rotation four times the function's Timeout and a 20 s margin before it calls it
        // failed: Lambda's smallest Timeout (1 s, the function fails at once anyway) keeps that wait at 24 s.
        String id = cfn.createStack(b -> b.stackName(name).templateBody(template(true, 1))
                .capabilities(Capability.CAPABILITY_IAM).parameters(parameters(secret, "rate(10 days)", "true")))
                .stackId();
        assertEquals("ROLLBACK_COMPLETE", settle(id).stackStatusAsString(), reasons(id));
        String reason = cfn.describeStackEvents(b -> b.stackName(id)).stackEvents().stream()
                .filter(e -> e.logicalResourceId().equals("Schedule") && e.resourceStatusAsString().equals(
                        "CREATE_FAILED")).findFirst().orElseThrow().resourceStatusReason();
        assertTrue(reason.contains("did not finish") && reason.contains("AWSPENDING"), reason);
        assertNull(sm.describeSecret(b -> b.secretId(secret)).lastRotatedDate());
    }

    @Test
    void hostedRotationAndTargetAttachmentFailNamingWhatIsNotServed() {
        String secret = secret();
        String name = unique("hosted");
        String id = cfn.createStack(b -> b.stackName(name).templateBody("""
                Parameters:
                  SecretArn: {Type: String}
                Resources:
                  Schedule:
                    Type: AWS::SecretsManager::RotationSchedule
                    Properties:
                      SecretId: !Ref SecretArn
                      HostedRotationLambda: {RotationType: MySQLSingleUser}
                      RotationRules: {AutomaticallyAfterDays: 30}
                """).parameters(p("SecretArn", secret))).stackId();
        assertEquals("ROLLBACK_COMPLETE", settle(id).stackStatusAsString());
        assertTrue(reasons(id).contains("HostedRotationLambda"), reasons(id));

        String attach = unique("attach");
        String attachId = cfn.createStack(b -> b.stackName(attach).templateBody("""
                Parameters:
                  SecretArn: {Type: String}
                Resources:
                  Attachment:
                    Type: AWS::SecretsManager::SecretTargetAttachment
                    Properties:
                      SecretId: !Ref SecretArn
                      TargetId: database-1
                      TargetType: AWS::RDS::DBInstance
                """).parameters(p("SecretArn", secret))).stackId();
        assertEquals("ROLLBACK_COMPLETE", settle(attachId).stackStatusAsString());
        assertTrue(reasons(attachId).contains("Gureum does not serve AWS::RDS::DBInstance"), reasons(attachId));
        assertEquals("{\"password\":\"first\"}", sm.getSecretValue(b -> b.secretId(secret)).secretString());
    }
}
