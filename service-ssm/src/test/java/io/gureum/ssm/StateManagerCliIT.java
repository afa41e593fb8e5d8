package io.gureum.ssm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gureum.core.testing.AwsCli;
import org.junit.jupiter.api.Test;

/** An association as a user makes it with the real {@code aws} CLI: create, describe, update, list, delete. */
@org.junit.jupiter.api.Tag("slow") // the slow tier: skipped by mvn verify -Dfast
class StateManagerCliIT extends StateManagerTestSupport {
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void associationLifecycleWithTheCli() throws Exception {
        AwsCli aws = new AwsCli(gureum.endpoint(), "test", "us-east-1");
        String doc = document(COMMAND);
        JsonNode created = JSON.readTree(ok(aws.run("ssm", "create-association", "--name", doc, "--association-name",
                "cli-assoc", "--targets", "Key=tag:env,Values=dev", "--parameters", "level=low",
                "--schedule-expression", "rate(1 hour)")).stdout()).get("AssociationDescription");
        String id = created.get("AssociationId").asText();
        assertEquals("Pending", created.get("Overview").get("Status").asText());

        JsonNode described = JSON.readTree(ok(aws.run("ssm", "describe-association", "--association-id", id))
                .stdout()).get("AssociationDescription");
        assertEquals("rate(1 hour)", described.get("ScheduleExpression").asText());
        assertEquals("low", described.get("Parameters").get("level").get(0).asText());

        JsonNode updated = JSON.readTree(ok(aws.run("ssm", "update-association", "--association-id", id, "--name", doc,
                "--association-version", "1", "--parameters", "level=high", "--schedule-expression", "rate(2 hours)"))
                .stdout()).get("AssociationDescription");
        assertEquals("2", updated.get("AssociationVersion").asText());

        JsonNode listed = JSON.readTree(ok(aws.run("ssm", "list-associations", "--association-filter-list",
                "key=Name,value=" + doc)).stdout()).get("Associations");
        assertEquals(1, listed.size());
        assertEquals(id, listed.get(0).get("AssociationId").asText());

        AwsCli.Result stale = aws.run("ssm", "update-association", "--association-id", id, "--name", doc,
                "--association-version", "1", "--parameters", "level=low");
        assertTrue(stale.exitCode() != 0 && stale.stderr().contains("InvalidAssociationVersion"), stale.stderr());
        ok(aws.run("ssm", "delete-association", "--association-id", id));
        AwsCli.Result gone = aws.run("ssm", "describe-association", "--association-id", id);
        assertTrue(gone.exitCode() != 0 && gone.stderr().contains("AssociationDoesNotExist"), gone.stderr());
    }

    private static AwsCli.Result ok(AwsCli.Result r) {
        assertEquals(0, r.exitCode(), r.stderr());
        return r;
    }
}
