package io.gureum.ssm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gureum.core.testing.AwsCli;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The scenario as a user types it with the real {@code aws} CLI: put, read a hierarchy, label, history. */
@org.junit.jupiter.api.Tag("slow") // the slow tier: skipped by mvn verify -Dfast
class SsmCliIT extends SsmTestSupport {
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void putReadByPathLabelAndHistoryWithTheCli() throws Exception {
        AwsCli aws = new AwsCli(gureum.endpoint(), "test", "us-east-1");
        String root = unique("/cli/app");
        ok(aws.run("ssm", "put-parameter", "--name", root + "/db/url", "--value", "jdbc:one", "--type", "String"));
        ok(aws.run("ssm", "put-parameter", "--name", root + "/db/password", "--value", "pw", "--type", "SecureString"));
        AwsCli.Result second = ok(aws.run("ssm", "put-parameter", "--name", root + "/db/url", "--value", "jdbc:two",
                "--overwrite"));
        assertEquals(2, JSON.readTree(second.stdout()).get("Version").asInt());

        AwsCli.Result byPath = ok(aws.run("ssm", "get-parameters-by-path", "--path", root, "--recursive",
                "--with-decryption"));
        JsonNode parameters = JSON.readTree(byPath.stdout()).get("Parameters");
        List<String> values = new ArrayList<>();
        parameters.forEach(p -> values.add(p.get("Name").asText().substring(root.length()) + "=" + p.get("Value").asText()));
        assertEquals(List.of("/db/password=pw", "/db/url=jdbc:two"), values);

        ok(aws.run("ssm", "label-parameter-version", "--name", root + "/db/url", "--parameter-version", "1",
                "--labels", "stable"));
        AwsCli.Result labelled = ok(aws.run("ssm", "get-parameter", "--name", root + "/db/url:stable"));
        assertEquals("jdbc:one", JSON.readTree(labelled.stdout()).get("Parameter").get("Value").asText());

        AwsCli.Result history = ok(aws.run("ssm", "get-parameter-history", "--name", root + "/db/url"));
        JsonNode versions = JSON.readTree(history.stdout()).get("Parameters");
        assertEquals(2, versions.size());
        assertEquals("stable", versions.get(0).get("Labels").get(0).asText());

        AwsCli.Result duplicate = aws.run("ssm", "put-parameter", "--name", root + "/db/url", "--value", "x",
                "--type", "String");
        assertTrue(duplicate.exitCode() != 0, "a service error fails the command");
        assertTrue(duplicate.stderr().contains("ParameterAlreadyExists"), duplicate.stderr());
    }

    private static AwsCli.Result ok(AwsCli.Result r) {
        assertEquals(0, r.exitCode(), r.stderr());
        return r;
    }
}
