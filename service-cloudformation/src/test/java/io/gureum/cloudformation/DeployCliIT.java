package io.gureum.cloudformation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gureum.cloudformation.endtoend.AwsCli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * {@code aws cloudformation deploy} as users run it: a change set of type CREATE on a new stack, its
 * waiters, execution; a second deploy that updates; a third with nothing to change; then delete.
 */
@org.junit.jupiter.api.Tag("slow") // the slow tier: skipped by mvn verify -Dfast
class DeployCliIT extends CloudFormationTestSupport {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static AwsCli.Result aws(String... args) throws Exception {
        return AwsCli.run(gureum, () -> { }, args);
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
            AwsCli.Result created = aws("cloudformation", "deploy", "--template-file", template.toString(), "--stack-name",
                    name);
            assertEquals(0, created.exitCode(), created.stderr() + created.stdout());
            assertTrue(created.stdout().contains("Successfully created/updated stack - " + name), created.stdout());

            AwsCli.Result described = aws("cloudformation", "describe-stacks", "--stack-name", name);
            assertEquals(0, described.exitCode(), described.stderr());
            JsonNode stack = JSON.readTree(described.stdout()).get("Stacks").get(0);
            assertEquals("CREATE_COMPLETE", stack.get("StackStatus").asText());
            String url = stack.get("Outputs").get(0).get("OutputValue").asText();

            nextWallClockSecond();
            AwsCli.Result updated = aws("cloudformation", "deploy", "--template-file", template.toString(), "--stack-name",
                    name, "--parameter-overrides", "Timeout=90");
            assertEquals(0, updated.exitCode(), updated.stderr() + updated.stdout());
            assertEquals("90", sqs.getQueueAttributes(b -> b.queueUrl(url)
                    .attributeNames(QueueAttributeName.VISIBILITY_TIMEOUT)).attributes()
                    .get(QueueAttributeName.VISIBILITY_TIMEOUT));

            nextWallClockSecond();
            AwsCli.Result unchanged = aws("cloudformation", "deploy", "--template-file", template.toString(), "--stack-name",
                    name, "--parameter-overrides", "Timeout=90");
            // The CLI fails an empty change set unless --no-fail-on-empty-changeset, as against AWS.
            assertEquals(255, unchanged.exitCode(), unchanged.stderr() + unchanged.stdout());
            assertTrue((unchanged.stdout() + unchanged.stderr()).contains("No changes to deploy"),
                    unchanged.stdout() + unchanged.stderr());

            String id = stack.get("StackId").asText();
            AwsCli.Result deleted = aws("cloudformation", "delete-stack", "--stack-name", name);
            assertEquals(0, deleted.exitCode(), deleted.stderr());
            assertEquals("DELETE_COMPLETE", settle(id).stackStatusAsString());
        } finally {
            Files.deleteIfExists(template);
        }
    }

    /**
     * The CLI names its change set awscli-cloudformation-package-deploy-&lt;epoch second&gt;: a deploy in the same
     * second as the last would reuse the name of the executed change set (AlreadyExistsException, as on AWS).
     */
    private static void nextWallClockSecond() throws InterruptedException {
        long second = System.currentTimeMillis() / 1000;
        while (System.currentTimeMillis() / 1000 == second) {
            Thread.sleep(50);
        }
    }
}
