package io.gureum.secretsmanager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gureum.core.testing.AwsCli;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The scenario as a user types it with the real {@code aws} CLI: create a secret, put a new value, read the
 * previous one, find it with a filter, delete it with a recovery window, restore it, and let a second
 * deletion run out on Gureum's clock.
 */
@org.junit.jupiter.api.Tag("slow") // the slow tier: skipped by mvn verify -Dfast
class SecretsCliIT extends SecretsTestSupport {
    static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode ok(AwsCli.Result r) throws Exception {
        assertEquals(0, r.exitCode(), r.stderr());
        return r.stdout().isBlank() ? JSON.createObjectNode() : JSON.readTree(r.stdout());
    }

    @Test
    void aSecretsLifeWithTheCli() throws Exception {
        AwsCli aws = new AwsCli(gureum.endpoint(), "test", "us-east-1");
        String name = unique("cli/app");
        JsonNode created = ok(aws.run("secretsmanager", "create-secret", "--name", name, "--secret-string",
                "{\"password\":\"one\"}", "--tags", "Key=env,Value=test"));
        assertTrue(created.get("ARN").asText().matches(String.format(ARN_PATTERN, name)), created.toString());
        ok(aws.run("secretsmanager", "put-secret-value", "--secret-id", name, "--secret-string",
                "{\"password\":\"two\"}"));
        assertEquals("{\"password\":\"two\"}", ok(aws.run("secretsmanager", "get-secret-value", "--secret-id", name))
                .get("SecretString").asText());
        assertEquals("{\"password\":\"one\"}", ok(aws.run("secretsmanager", "get-secret-value", "--secret-id", name,
                "--version-stage", "AWSPREVIOUS")).get("SecretString").asText());
        JsonNode listed = ok(aws.run("secretsmanager", "list-secrets", "--filters", "Key=tag-key,Values=env",
                "Key=name,Values=" + name));
        assertEquals(1, listed.get("SecretList").size());
        assertEquals(20, ok(aws.run("secretsmanager", "get-random-password", "--password-length", "20",
                "--exclude-punctuation")).get("RandomPassword").asText().length());

        ok(aws.run("secretsmanager", "delete-secret", "--secret-id", name, "--recovery-window-in-days", "7"));
        AwsCli.Result refused = aws.run("secretsmanager", "get-secret-value", "--secret-id", name);
        assertTrue(refused.exitCode() != 0, "a service error fails the command");
        assertTrue(refused.stderr().contains("InvalidRequestException"), refused.stderr());
        assertTrue(refused.stderr().contains("marked for deletion"), refused.stderr());
        ok(aws.run("secretsmanager", "restore-secret", "--secret-id", name));
        assertEquals("{\"password\":\"two\"}", ok(aws.run("secretsmanager", "get-secret-value", "--secret-id", name))
                .get("SecretString").asText());

        ok(aws.run("secretsmanager", "delete-secret", "--secret-id", name, "--recovery-window-in-days", "7"));
        advance(Duration.ofDays(7));
        AwsCli.Result gone = aws.run("secretsmanager", "describe-secret", "--secret-id", name);
        assertTrue(gone.stderr().contains("ResourceNotFoundException"), gone.stderr());
    }
}
