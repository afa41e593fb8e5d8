package io.gureum.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gureum.core.Gureum;
import io.gureum.core.testing.AwsCli;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Predicate;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Keys, parameters and secrets with the AWS CLI against the distribution: an AMI found through SSM's public
 * parameter launches an instance, a Lambda function reads a SecureString, and a secret rotates when the
 * emulated clock passes its schedule.
 */
@Tag("slow") // the slow tier: skipped by mvn verify -Dfast
class ParametersAndSecretsCliIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROLE = "arn:aws:iam::000000000000:role/lambda";

    @RegisterExtension
    static final io.gureum.junit5.GureumExtension aws = io.gureum.junit5.GureumExtension.builder().build();
    static Gureum gureum;
    static AwsCli cli;

    @BeforeAll
    static void start() {
        gureum = aws.gureum();
        cli = new AwsCli(gureum.endpoint(), "test", "us-east-1");
    }

    private static JsonNode run(String... args) throws Exception {
        AwsCli.Result r = cli.run(args);
        assertEquals(0, r.exitCode(), String.join(" ", args) + ": " + r.stderr());
        return r.stdout().isBlank() ? JSON.createObjectNode() : JSON.readTree(r.stdout());
    }

    /** Polls until {@code done} holds: a generous bound, only to catch a hang. */
    private static JsonNode await(Predicate<JsonNode> done, String... args) throws Exception {
        long deadline = System.nanoTime() + 180_000_000_000L;
        while (true) {
            JsonNode n = run(args);
            if (done.test(n)) {
                return n;
            }
            if (System.nanoTime() > deadline) {
                fail("still not there after 180 s: " + n);
            }
            Thread.sleep(250);
        }
    }

    private static Path zip(String name, String code) throws IOException {
        Path file = Files.createTempFile("function-", ".zip");
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream z = new ZipOutputStream(out)) {
            z.putNextEntry(new ZipEntry(name));
            z.write(code.getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
        }
        return file;
    }

    /** The count the rotation function keeps in the secret's JSON. */
    private static int rotations(JsonNode secretValue) {
        try {
            return JSON.readTree(secretValue.get("SecretString").asText()).path("rotations").asInt();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void theAmiThatSsmsPublicParameterNamesLaunchesAnInstance() throws Exception {
        String ami = run("ssm", "get-parameter", "--name",
                "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64").get("Parameter").get("Value")
                .asText();
        JsonNode image = run("ec2", "describe-images", "--image-ids", ami).get("Images").get(0);
        assertTrue(image.get("Name").asText().startsWith("al2023-ami-2023."), image.toString());
        String instance = run("ec2", "run-instances", "--image-id", ami, "--instance-type", "t3.micro",
                "--placement", "AvailabilityZone=us-east-1a").get("Instances").get(0).get("InstanceId").asText();
        JsonNode described = run("ec2", "describe-instances", "--instance-ids", instance).get("Reservations").get(0)
                .get("Instances").get(0);
        assertEquals(ami, described.get("ImageId").asText());
        assertEquals("x86_64", described.get("Architecture").asText());
    }

    @Test
    void aLambdaFunctionReadsASecureStringDecrypted() throws Exception {
        run("ssm", "put-parameter", "--name", "/app/db-password", "--type", "SecureString", "--value", "hunter2");
        assertTrue(!run("ssm", "get-parameter", "--name", "/app/db-password").get("Parameter").get("Value").asText()
                .equals("hunter2"), "without decryption the value stays encrypted");
        Path code = zip("app.py", "import boto3\n"
                + "def handler(event, context):\n"
                + "    p = boto3.client('ssm').get_parameter(Name=event['name'], WithDecryption=True)['Parameter']\n"
                + "    return {'value': p['Value'], 'type': p['Type']}\n");
        run("lambda", "create-function", "--function-name", "read-secure", "--timeout", "60", "--runtime", "python3.12", "--handler",
                "app.handler", "--role", ROLE, "--zip-file", "fileb://" + code);
        Path out = Files.createTempFile("invoke-", ".json");
        try {
            JsonNode result = run("lambda", "invoke", "--function-name", "read-secure", "--payload",
                    "{\"name\": \"/app/db-password\"}", out.toString());
            assertTrue(!result.has("FunctionError"), Files.readString(out));
            JsonNode body = JSON.readTree(Files.readString(out));
            assertEquals("hunter2", body.get("value").asText());
            assertEquals("SecureString", body.get("type").asText());
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(code);
        }
    }

    @Test
    void aSecretRotatesWhenTheClockPassesItsSchedule() throws Exception {
        Path code = zip("rotate.py", """
                import json
                import boto3

                sm = boto3.client('secretsmanager')

                def handler(event, context):
                    arn, token, step = event['SecretId'], event['ClientRequestToken'], event['Step']
                    versions = sm.describe_secret(SecretId=arn)['VersionIdsToStages']
                    if 'AWSCURRENT' in versions.get(token, []):
                        return
                    if step == 'createSecret':
                        current = json.loads(sm.get_secret_value(SecretId=arn, VersionStage='AWSCURRENT')['SecretString'])
                        current['rotations'] = current.get('rotations', 0) + 1
                        sm.put_secret_value(SecretId=arn, ClientRequestToken=token, SecretString=json.dumps(current),
                                            VersionStages=['AWSPENDING'])
                    elif step == 'finishSecret':
                        current = [v for v, s in versions.items() if 'AWSCURRENT' in s][0]
                        sm.update_secret_version_stage(SecretId=arn, VersionStage='AWSCURRENT', MoveToVersionId=token,
                                                       RemoveFromVersionId=current)
                """);
        String function = run("lambda", "create-function", "--function-name", "rotate-db", "--timeout", "60", "--runtime", "python3.12",
                "--handler", "rotate.handler", "--role", ROLE, "--zip-file", "fileb://" + code).get("FunctionArn")
                .asText();
        Files.deleteIfExists(code);
        run("secretsmanager", "create-secret", "--name", "db", "--secret-string", "{\"password\": \"p0\"}");
        run("secretsmanager", "rotate-secret", "--secret-id", "db", "--rotation-lambda-arn", function,
                "--rotation-rules", "AutomaticallyAfterDays=1");
        await(s -> rotations(s) == 1,
                "secretsmanager", "get-secret-value", "--secret-id", "db");
        await(s -> s.has("NextRotationDate"), "secretsmanager", "describe-secret", "--secret-id", "db");

        HttpResponse<String> advanced = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(gureum.endpoint() + "/_gureum/clock")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"advanceSeconds\": 90000}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, advanced.statusCode(), advanced.body());
        await(s -> rotations(s) == 2,
                "secretsmanager", "get-secret-value", "--secret-id", "db");
        JsonNode previous = run("secretsmanager", "get-secret-value", "--secret-id", "db", "--version-stage",
                "AWSPREVIOUS");
        assertEquals(1, JSON.readTree(previous.get("SecretString").asText()).get("rotations").asInt());
    }
}
