package io.gureum.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gureum.core.testing.AwsCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The cross-account role assumption with an external ID, as users configure it: a CLI profile with
 * {@code role_arn}, {@code external_id} and {@code source_profile} in an AWS config file, and
 * {@code aws sts get-caller-identity --profile …} answering as the assumed role
 * (https://docs.aws.amazon.com/cli/latest/userguide/cli-configure-role.html).
 */
@org.junit.jupiter.api.Tag("slow") // the slow tier: skipped by mvn verify -Dfast
class StsCliIT extends StsTestSupport {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The real AWS CLI (v1) with a config file of our own; botocore's assume-role client uses AWS_ENDPOINT_URL. */
    private static AwsCli.Result aws(Path config, String... args) throws Exception {
        return AwsCli.withEnvironment(gureum.endpoint(), Map.of(
                "AWS_CONFIG_FILE", config.toString(),
                "AWS_SHARED_CREDENTIALS_FILE", "/dev/null",
                "AWS_ENDPOINT_URL", gureum.endpoint().toString())).run(args);
    }

    @Test
    void aProfileAssumesARoleInAnotherAccountWithAnExternalId() throws Exception {
        String role = unique("CrossAccountAuditor");
        String roleArn = role(B, role, trust("{\"AWS\":\"arn:aws:iam::" + A + ":root\"}",
                "{\"StringEquals\":{\"sts:ExternalId\":\"partner-7311\"}}"));
        Path config = Files.createTempFile("aws-config", "");
        try {
            Files.writeString(config, String.join("\n",
                    "[profile dev]",
                    "aws_access_key_id = " + A,
                    "aws_secret_access_key = test",
                    "region = us-east-1",
                    "",
                    "[profile auditor]",
                    "role_arn = " + roleArn,
                    "external_id = partner-7311",
                    "role_session_name = cli-auditor",
                    "source_profile = dev",
                    "region = us-east-1",
                    "",
                    "[profile wrong-id]",
                    "role_arn = " + roleArn,
                    "external_id = guess",
                    "source_profile = dev",
                    "region = us-east-1",
                    ""));
            AwsCli.Result dev = aws(config, "sts", "get-caller-identity", "--profile", "dev");
            assertEquals(0, dev.exitCode(), dev.stderr());
            assertEquals("arn:aws:iam::" + A + ":root", JSON.readTree(dev.stdout()).get("Arn").asText());

            AwsCli.Result auditor = aws(config, "sts", "get-caller-identity", "--profile", "auditor");
            assertEquals(0, auditor.exitCode(), auditor.stderr());
            JsonNode id = JSON.readTree(auditor.stdout());
            assertEquals("arn:aws:sts::" + B + ":assumed-role/" + role + "/cli-auditor", id.get("Arn").asText());
            assertEquals(B, id.get("Account").asText());
            assertTrue(id.get("UserId").asText().matches("AROA[A-Z0-9]{17}:cli-auditor"), id.toString());

            // The assumed role acts in account B: IAM lists B's role.
            AwsCli.Result got = aws(config, "iam", "get-role", "--role-name", role, "--profile", "auditor");
            assertEquals(0, got.exitCode(), got.stderr());
            assertEquals(roleArn, JSON.readTree(got.stdout()).get("Role").get("Arn").asText());

            AwsCli.Result refused = aws(config, "sts", "get-caller-identity", "--profile", "wrong-id");
            assertNotEquals(0, refused.exitCode());
            assertTrue(refused.stderr().contains("AccessDenied") && refused.stderr().contains(
                    "User: arn:aws:iam::" + A + ":root is not authorized to perform: sts:AssumeRole on resource: "
                            + roleArn), refused.stderr());
        } finally {
            Files.deleteIfExists(config);
        }
    }

    /** The getting-started steps of outbound identity federation with the CLI, the token verified with the JWKS. */
    @Test
    void theCliGetsAWebIdentityTokenThatVerifies() throws Exception {
        String account = "444444444441";
        Path config = Files.createTempFile("aws-config", "");
        try {
            Files.writeString(config, String.join("\n", "[default]", "aws_access_key_id = " + account,
                    "aws_secret_access_key = test", "region = us-east-1", ""));
            AwsCli.Result refused = aws(config, "sts", "get-web-identity-token", "--audience",
                    "my-service", "--signing-algorithm", "RS256");
            assertNotEquals(0, refused.exitCode());
            assertTrue(refused.stderr().contains("OutboundWebIdentityFederationDisabledException"), refused.stderr());
            AwsCli.Result enabled = aws(config, "iam", "enable-outbound-web-identity-federation");
            assertEquals(0, enabled.exitCode(), enabled.stderr());
            String issuer = JSON.readTree(enabled.stdout()).get("IssuerIdentifier").asText();
            AwsCli.Result token = aws(config, "sts", "get-web-identity-token", "--audience",
                    "my-service", "--signing-algorithm", "ES384", "--duration-seconds", "900",
                    "--tags", "Key=job-id,Value=job-1");
            assertEquals(0, token.exitCode(), token.stderr());
            OutboundWebIdentityIT.Verified v = OutboundWebIdentityIT.verify(gureum.endpoint(),
                    JSON.readTree(token.stdout()).get("WebIdentityToken").asText());
            assertEquals(issuer, v.claims().get("iss").asText());
            assertEquals("arn:aws:iam::" + account + ":root", v.claims().get("sub").asText());
            assertEquals("job-1", v.claims().get("https://sts.amazonaws.com/").get("request_tags").get("job-id")
                    .asText());
        } finally {
            Files.deleteIfExists(config);
        }
    }
}
