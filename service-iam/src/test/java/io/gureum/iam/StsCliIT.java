package io.gureum.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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

/**
 * The cross-account role assumption with an external ID, as users configure it: a CLI profile with
 * {@code role_arn}, {@code external_id} and {@code source_profile} in an AWS config file, and
 * {@code aws sts get-caller-identity --profile …} answering as the assumed role
 * (https://docs.aws.amazon.com/cli/latest/userguide/cli-configure-role.html).
 */
@org.junit.jupiter.api.Tag("slow") // the slow tier: skipped by mvn verify -Dfast
class StsCliIT extends StsTestSupport {
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Result(int exitCode, String stdout, String stderr) {
    }

    /** The real AWS CLI (v1) with a config file of our own; botocore's assume-role client uses AWS_ENDPOINT_URL. */
    private static Result aws(Path config, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("aws", "--endpoint-url", gureum.endpoint().toString(),
                "--output", "json"));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("aws-cli", ".out");
        Path err = Files.createTempFile("aws-cli", ".err");
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.environment().keySet().removeIf(k -> k.startsWith("AWS_"));
            pb.environment().put("AWS_CONFIG_FILE", config.toString());
            pb.environment().put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
            pb.environment().put("AWS_ENDPOINT_URL", gureum.endpoint().toString());
            pb.environment().put("AWS_MAX_ATTEMPTS", "1");
            pb.environment().put("AWS_PAGER", "");
            Process p = pb.start();
            if (!p.waitFor(180, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("aws did not finish in 180 s");
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
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
            Result dev = aws(config, "sts", "get-caller-identity", "--profile", "dev");
            assertEquals(0, dev.exitCode(), dev.stderr());
            assertEquals("arn:aws:iam::" + A + ":root", JSON.readTree(dev.stdout()).get("Arn").asText());

            Result auditor = aws(config, "sts", "get-caller-identity", "--profile", "auditor");
            assertEquals(0, auditor.exitCode(), auditor.stderr());
            JsonNode id = JSON.readTree(auditor.stdout());
            assertEquals("arn:aws:sts::" + B + ":assumed-role/" + role + "/cli-auditor", id.get("Arn").asText());
            assertEquals(B, id.get("Account").asText());
            assertTrue(id.get("UserId").asText().matches("AROA[A-Z0-9]{17}:cli-auditor"), id.toString());

            // The assumed role acts in account B: IAM lists B's role.
            Result got = aws(config, "iam", "get-role", "--role-name", role, "--profile", "auditor");
            assertEquals(0, got.exitCode(), got.stderr());
            assertEquals(roleArn, JSON.readTree(got.stdout()).get("Role").get("Arn").asText());

            Result refused = aws(config, "sts", "get-caller-identity", "--profile", "wrong-id");
            assertNotEquals(0, refused.exitCode());
            assertTrue(refused.stderr().contains("AccessDenied") && refused.stderr().contains(
                    "User: arn:aws:iam::" + A + ":root is not authorized to perform: sts:AssumeRole on resource: "
                            + roleArn), refused.stderr());
        } finally {
            Files.deleteIfExists(config);
        }
    }
}
