package io.gureum.secretsmanager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gureum.core.Gureum;
import io.gureum.core.testing.AwsClients;
import io.gureum.junit5.GureumExtension;
import io.gureum.kms.KmsService;
import io.gureum.lambda.LambdaService;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.InvalidParameterException;
import software.amazon.awssdk.services.secretsmanager.model.InvalidRequestException;
import software.amazon.awssdk.services.secretsmanager.model.RotateSecretResponse;

/**
 * Rotation end to end: a real Python function, run by Gureum's Lambda, goes through the four steps and calls
 * Secrets Manager back with boto3 at the endpoint Lambda hands it ({@code AWS_ENDPOINT_URL}).
 */
class RotationIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String ROLE = "arn:aws:iam::000000000000:role/rotation";
    /** The shape of AWS's rotation templates (aws-samples/aws-secrets-manager-rotation-lambdas), minus a database. */
    static final String ROTATOR = """
            import json
            import boto3

            sm = boto3.client('secretsmanager')

            def handler(event, context):
                arn = event['SecretId']
                token = event['ClientRequestToken']
                step = event['Step']
                versions = sm.describe_secret(SecretId=arn)['VersionIdsToStages']
                if token not in versions:
                    raise ValueError('Secret version %s has no stage for rotation' % token)
                if 'AWSCURRENT' in versions[token]:
                    return
                if 'AWSPENDING' not in versions[token]:
                    raise ValueError('Secret version %s not set as AWSPENDING' % token)
                if step == 'createSecret':
                    current = json.loads(sm.get_secret_value(SecretId=arn, VersionStage='AWSCURRENT')['SecretString'])
                    try:
                        sm.get_secret_value(SecretId=arn, VersionId=token, VersionStage='AWSPENDING')
                    except sm.exceptions.ResourceNotFoundException:
                        current['password'] = sm.get_random_password(ExcludePunctuation=True)['RandomPassword']
                        current['rotations'] = current.get('rotations', 0) + 1
                        sm.put_secret_value(SecretId=arn, ClientRequestToken=token,
                                            SecretString=json.dumps(current), VersionStages=['AWSPENDING'])
                elif step == 'setSecret':
                    FAIL_SET
                elif step == 'testSecret':
                    sm.get_secret_value(SecretId=arn, VersionId=token, VersionStage='AWSPENDING')
                elif step == 'finishSecret':
                    current = None
                    for version, stages in versions.items():
                        if 'AWSCURRENT' in stages:
                            if version == token:
                                return
                            current = version
                    sm.update_secret_version_stage(SecretId=arn, VersionStage='AWSCURRENT', MoveToVersionId=token,
                                                   RemoveFromVersionId=current)
                else:
                    raise ValueError('Invalid step')
            """;

    @RegisterExtension
    static final GureumExtension aws = GureumExtension.builder()
            .services(new SecretsManagerService(), new KmsService(), new LambdaService()).build();
    static Gureum gureum;
    static SecretsManagerClient sm;
    static LambdaClient lambda;

    @BeforeAll
    static void start() {
        gureum = aws.gureum();
        sm = AwsClients.client(SecretsManagerClient.builder(), gureum);
        lambda = AwsClients.client(LambdaClient.builder(), gureum);
    }

    @AfterAll
    static void stop() {
        sm.close();
        lambda.close();
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String function(boolean failSetSecret) throws IOException {
        String code = ROTATOR.replace("FAIL_SET", failSetSecret ? "raise RuntimeError('cannot set')" : "pass");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            z.putNextEntry(new ZipEntry("app.py"));
            z.write(code.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            z.closeEntry();
        }
        return lambda.createFunction(b -> b.functionName(unique("rotator")).runtime("python3.12").role(ROLE)
                .handler("app.handler").timeout(60)
                .code(c -> c.zipFile(SdkBytes.fromByteArray(out.toByteArray())))).functionArn();
    }

    /** Polls DescribeSecret (up to 60 s: the function's first start imports boto3) until {@code done}. */
    static DescribeSecretResponse await(String name, Predicate<DescribeSecretResponse> done) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        DescribeSecretResponse d = sm.describeSecret(b -> b.secretId(name));
        while (!done.test(d) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            d = sm.describeSecret(b -> b.secretId(name));
        }
        assertTrue(done.test(d), "rotation did not finish: " + d);
        return d;
    }

    static int rotations(String name) throws IOException {
        JsonNode value = JSON.readTree(sm.getSecretValue(b -> b.secretId(name)).secretString());
        return value.path("rotations").asInt();
    }

    @Test
    void theFunctionRunsTheFourStepsAndTheNewValueBecomesCurrent() throws Exception {
        String fn = function(false);
        String name = unique("rotated");
        String v1 = sm.createSecret(b -> b.name(name).secretString("{\"username\":\"app\",\"password\":\"old\"}"))
                .versionId();
        RotateSecretResponse r = sm.rotateSecret(b -> b.secretId(name).rotationLambdaARN(fn)
                .rotationRules(rr -> rr.automaticallyAfterDays(30L)));
        assertNotNull(r.versionId());
        DescribeSecretResponse d = await(name, x -> x.lastRotatedDate() != null);
        assertTrue(d.rotationEnabled());
        assertEquals(fn, d.rotationLambdaARN());
        assertEquals(List.of("AWSCURRENT"), d.versionIdsToStages().get(r.versionId()));
        assertEquals(List.of("AWSPREVIOUS"), d.versionIdsToStages().get(v1));
        assertEquals(d.lastRotatedDate().plus(Duration.ofDays(30)), d.nextRotationDate());
        JsonNode value = JSON.readTree(sm.getSecretValue(b -> b.secretId(name)).secretString());
        assertEquals("app", value.get("username").asText());
        assertNotEquals("old", value.get("password").asText());
        assertEquals(32, value.get("password").asText().length());

        // the schedule: when the clock passes NextRotationDate the secret rotates again
        gureum.context().clock().advance(Duration.ofDays(31));
        await(name, x -> {
            try {
                return rotations(name) == 2;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void aFailedStepLeavesAwsPendingAndTheNextRotateSecretIsRefused() throws Exception {
        String fn = function(true);
        String name = unique("failing");
        sm.createSecret(b -> b.name(name).secretString("{\"password\":\"old\"}"));
        String token = sm.rotateSecret(b -> b.secretId(name).rotationLambdaARN(fn)).versionId();
        awaitInvocations(fn.substring(fn.lastIndexOf(':') + 1), 2); // createSecret, then the failing setSecret
        DescribeSecretResponse d = sm.describeSecret(b -> b.secretId(name));
        assertEquals(List.of("AWSPENDING"), d.versionIdsToStages().get(token));
        assertNull(d.lastRotatedDate());
        assertEquals("{\"password\":\"old\"}", sm.getSecretValue(b -> b.secretId(name)).secretString());
        SecretsTestSupport.assertError(InvalidRequestException.class, "InvalidRequestException", Rotations.IN_PROGRESS,
                () -> sm.rotateSecret(b -> b.secretId(name)));
        assertEquals(token, sm.cancelRotateSecret(b -> b.secretId(name)).versionId());
        assertFalse(sm.describeSecret(b -> b.secretId(name)).rotationEnabled());
    }

    /** Waits (up to 60 s) until Lambda's {@code /_gureum/lambda/logs} lists {@code n} finished invocations. */
    static void awaitInvocations(String function, int n) throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        int seen = 0;
        while (seen < n && System.nanoTime() < deadline) {
            String body = http.send(java.net.http.HttpRequest.newBuilder(gureum.endpoint().resolve(
                    "/_gureum/lambda/logs?FunctionName=" + function)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            seen = JSON.readTree(body).path("Invocations").size();
            Thread.sleep(100);
        }
        assertEquals(n, seen, "invocations of " + function);
    }

    @Test
    void rotationNeedsAFunctionThatLambdaCanInvoke() {
        String name = unique("nofn");
        sm.createSecret(b -> b.name(name).secretString("v"));
        SecretsTestSupport.assertError(InvalidRequestException.class, "InvalidRequestException", Rotations.NO_FUNCTION,
                () -> sm.rotateSecret(b -> b.secretId(name)));
        SecretsTestSupport.assertError(InvalidRequestException.class, "InvalidRequestException",
                Rotations.CANNOT_INVOKE, () -> sm.rotateSecret(b -> b.secretId(name)
                        .rotationLambdaARN("arn:aws:lambda:us-east-1:000000000000:function:missing")));
    }

    @Test
    void rulesAreChecked() throws Exception {
        String fn = function(false);
        String name = unique("rules");
        sm.createSecret(b -> b.name(name).secretString("{}"));
        SecretsTestSupport.assertError(InvalidParameterException.class, "InvalidParameterException", null,
                () -> sm.rotateSecret(b -> b.secretId(name).rotationLambdaARN(fn)
                        .rotationRules(rr -> rr.scheduleExpression("rate(2 hours)"))));
        SecretsTestSupport.assertError(InvalidParameterException.class, "InvalidParameterException", null,
                () -> sm.rotateSecret(b -> b.secretId(name).rotationLambdaARN(fn)
                        .rotationRules(rr -> rr.scheduleExpression("cron(0 25 * * ? *)"))));
        SecretsTestSupport.assertError(InvalidParameterException.class, "InvalidParameterException", null,
                () -> sm.rotateSecret(b -> b.secretId(name).rotationLambdaARN(fn)
                        .rotationRules(rr -> rr.automaticallyAfterDays(5L).scheduleExpression("rate(5 days)"))));
        assertThrows(RuntimeException.class, () -> sm.rotateSecret(b -> b.secretId(name).rotationLambdaARN(fn)
                .rotationRules(rr -> rr.scheduleExpression("rate(10 days)").duration("25h"))));
    }

    @Test
    void rotateImmediatelyFalseOnlyTestsAndSchedulesByCron() throws Exception {
        String fn = function(false);
        String name = unique("later");
        sm.createSecret(b -> b.name(name).secretString("{\"password\":\"old\"}"));
        RotateSecretResponse r = sm.rotateSecret(b -> b.secretId(name).rotationLambdaARN(fn).rotateImmediately(false)
                .rotationRules(rr -> rr.scheduleExpression("cron(0 4 ? * SUN *)").duration("2h")));
        assertNull(r.versionId());
        DescribeSecretResponse d = await(name, x -> x.versionIdsToStages().size() == 1);
        assertNull(d.lastRotatedDate());
        var next = d.nextRotationDate().atZone(java.time.ZoneOffset.UTC);
        assertEquals(java.time.DayOfWeek.SUNDAY, next.getDayOfWeek());
        assertEquals(4, next.getHour());
        assertEquals("{\"password\":\"old\"}", sm.getSecretValue(b -> b.secretId(name)).secretString());
    }
}
