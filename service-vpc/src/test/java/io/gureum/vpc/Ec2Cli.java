package io.gureum.vpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gureum.core.testing.AwsCli;
import java.util.ArrayList;
import java.util.List;

/** {@code aws ec2 …} with the real CLI for the module's scenarios: its JSON answer, or the error code it printed. */
final class Ec2Cli {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Ec2Cli() {
    }

    /** Runs {@code aws ec2 args…}, which must succeed; its output as JSON (an empty object for none). */
    static JsonNode ec2(AwsCli aws, String... args) throws Exception {
        AwsCli.Result r = aws.run(withService(args));
        assertEquals(0, r.exitCode(), String.join(" ", args) + " failed: " + r.stderr());
        return r.stdout().isBlank() ? JSON.createObjectNode() : JSON.readTree(r.stdout());
    }

    /** Runs {@code aws ec2 args…}, which must fail with {@code code} (the CLI prints it in parentheses). */
    static void refused(AwsCli aws, String code, String... args) throws Exception {
        AwsCli.Result r = aws.run(withService(args));
        assertNotEquals(0, r.exitCode(), String.join(" ", args) + " should have failed: " + r.stdout());
        assertTrue(r.stderr().contains("(" + code + ")"), String.join(" ", args) + ": " + r.stderr());
    }

    private static String[] withService(String... args) {
        List<String> all = new ArrayList<>(List.of("ec2"));
        all.addAll(List.of(args));
        return all.toArray(String[]::new);
    }
}
