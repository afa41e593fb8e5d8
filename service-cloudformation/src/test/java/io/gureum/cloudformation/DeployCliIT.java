package io.gureum.cloudformation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * {@code aws cloudformation deploy} as users run it: a change set of type CREATE on a new stack, its
 * waiters, execution; a second deploy that updates; a third with nothing to change; then delete.
 */
@org.junit.jupiter.api.Tag("slow") // the slow tier: skipped by mvn verify -Dfast
class DeployCliIT extends CloudFormationTestSupport {
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Result(int exitCode, String stdout, String stderr) {
    }

    private static Result aws(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("aws", "--endpoint-url", gureum.endpoint().toString(),
                "--region", "us-east-1", "--output", "json"));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("aws-cli", ".out");
        Path err = Files.createTempFile("aws-cli", ".err");
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.environment().keySet().removeIf(k -> k.startsWith("AWS_"));
            pb.environment().put("AWS_ACCESS_KEY_ID", "000000000000");
            pb.environment().put("AWS_SECRET_ACCESS_KEY", "test");
            pb.environment().put("AWS_CONFIG_FILE", "/dev/null");
            pb.environment().put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
            pb.environment().put("AWS_MAX_ATTEMPTS", "1");
            pb.environment().put("AWS_PAGER", "");
            Process p = pb.start();
            if (!p.waitFor(300, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("aws did not finish in 300 s");
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    @Test
    void deployDescribeUpdateAndDelete() throws Exception {
        String name = unique("cli");
        Path template = Files.createTempFile("t", ".yaml");
        try {
            Files.writeString(template, """
                    Parameters:
                      Timeout:
                        Type: Number
                        Default: 30
                    Resources:
                      Queue:
                        Type: AWS::SQS::Queue
                        Properties:
                          VisibilityTimeout: !Ref Timeout
                    Outputs:
                      Url:
                        Value: !Ref Queue
                    """);
            Result created = aws("cloudformation", "deploy", "--template-file", template.toString(), "--stack-name",
                    name);
            assertEquals(0, created.exitCode(), created.stderr() + created.stdout());
            assertTrue(created.stdout().contains("Successfully created/updated stack - " + name), created.stdout());

            Result described = aws("cloudformation", "describe-stacks", "--stack-name", name);
            assertEquals(0, described.exitCode(), described.stderr());
            JsonNode stack = JSON.readTree(described.stdout()).get("Stacks").get(0);
            assertEquals("CREATE_COMPLETE", stack.get("StackStatus").asText());
            String url = stack.get("Outputs").get(0).get("OutputValue").asText();

            Result updated = aws("cloudformation", "deploy", "--template-file", template.toString(), "--stack-name",
                    name, "--parameter-overrides", "Timeout=90");
            assertEquals(0, updated.exitCode(), updated.stderr() + updated.stdout());
            assertEquals("90", sqs.getQueueAttributes(b -> b.queueUrl(url)
                    .attributeNames(QueueAttributeName.VISIBILITY_TIMEOUT)).attributes()
                    .get(QueueAttributeName.VISIBILITY_TIMEOUT));

            // The CLI names its change set awscli-cloudformation-package-deploy-<epoch second>: a deploy in the
            // same second as the last would reuse the name of the executed change set (AlreadyExistsException).
            long second = System.currentTimeMillis() / 1000;
            while (System.currentTimeMillis() / 1000 == second) {
                sleep(50);
            }
            Result unchanged = aws("cloudformation", "deploy", "--template-file", template.toString(), "--stack-name",
                    name, "--parameter-overrides", "Timeout=90");
            // The CLI fails an empty change set unless --no-fail-on-empty-changeset, as against AWS.
            assertEquals(255, unchanged.exitCode(), unchanged.stderr() + unchanged.stdout());
            assertTrue((unchanged.stdout() + unchanged.stderr()).contains("No changes to deploy"),
                    unchanged.stdout() + unchanged.stderr());

            String id = stack.get("StackId").asText();
            Result deleted = aws("cloudformation", "delete-stack", "--stack-name", name);
            assertEquals(0, deleted.exitCode(), deleted.stderr());
            assertEquals("DELETE_COMPLETE", settle(id).stackStatusAsString());
        } finally {
            Files.deleteIfExists(template);
        }
    }
}
