package io.gureum.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gureum.core.testing.AwsCli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The Lambda execution role recipe, typed into the real AWS CLI (v1), as the Lambda guide has it. */
@org.junit.jupiter.api.Tag("slow") // the slow tier: skipped by mvn verify -Dfast
class IamCliIT extends IamTestSupport {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void executionRoleFromATrustPolicyFile() throws Exception {
        AwsCli aws = new AwsCli(gureum.endpoint(), "test", "us-east-1");
        Path trust = Files.createTempFile("trust", ".json");
        try {
            Files.writeString(trust, TRUST.replace(",", ",\n  "));
            String role = unique("lambda-ex");
            AwsCli.Result created = aws.run("iam", "create-role", "--role-name", role,
                    "--assume-role-policy-document", "file://" + trust);
            assertEquals(0, created.exitCode(), created.stderr());
            JsonNode r = JSON.readTree(created.stdout()).get("Role");
            assertEquals("arn:aws:iam::000000000000:role/" + role, r.get("Arn").asText());
            // botocore decodes the URL-encoded document into JSON.
            assertEquals("sts:AssumeRole", r.get("AssumeRolePolicyDocument").get("Statement").get(0).get("Action").asText());

            AwsCli.Result attached = aws.run("iam", "attach-role-policy", "--role-name", role, "--policy-arn", LAMBDA_BASIC);
            assertEquals(0, attached.exitCode(), attached.stderr());
            AwsCli.Result listed = aws.run("iam", "list-attached-role-policies", "--role-name", role);
            assertEquals(0, listed.exitCode(), listed.stderr());
            JsonNode policies = JSON.readTree(listed.stdout()).get("AttachedPolicies");
            assertEquals(1, policies.size());
            assertEquals(LAMBDA_BASIC, policies.get(0).get("PolicyArn").asText());

            AwsCli.Result refused = aws.run("iam", "delete-role", "--role-name", role);
            assertNotEquals(0, refused.exitCode());
            assertTrue(refused.stderr().contains("(DeleteConflict)")
                    && refused.stderr().contains("Cannot delete entity, must detach all policies first."), refused.stderr());
            assertEquals(0, aws.run("iam", "detach-role-policy", "--role-name", role, "--policy-arn", LAMBDA_BASIC)
                    .exitCode());
            AwsCli.Result deleted = aws.run("iam", "delete-role", "--role-name", role);
            assertEquals(0, deleted.exitCode(), deleted.stderr());
        } finally {
            Files.deleteIfExists(trust);
        }
    }
}
