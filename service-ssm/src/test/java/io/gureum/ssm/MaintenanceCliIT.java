package io.gureum.ssm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gureum.core.testing.AwsCli;
import org.junit.jupiter.api.Test;

/**
 * The scenario as a user types it with the real {@code aws} CLI: a maintenance window with a target and a
 * Lambda task, its schedule, and a patch baseline registered for a patch group.
 */
@org.junit.jupiter.api.Tag("slow") // the slow tier: skipped by mvn verify -Dfast
class MaintenanceCliIT extends SsmTestSupport {
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aWindowWithATargetAndATaskAndABaselineWithTheCli() throws Exception {
        AwsCli aws = new AwsCli(gureum.endpoint(), "test", "us-east-1");
        String name = unique("cli-window");
        String windowId = json(aws.run("ssm", "create-maintenance-window", "--name", name, "--schedule",
                "cron(0 4 ? * MON *)", "--duration", "2", "--cutoff", "1", "--no-allow-unassociated-targets"))
                .get("WindowId").asText();
        assertTrue(windowId.startsWith("mw-"), windowId);
        String targetId = json(aws.run("ssm", "register-target-with-maintenance-window", "--window-id", windowId,
                "--resource-type", "INSTANCE", "--targets", "Key=InstanceIds,Values=i-0123456789abcdef0"))
                .get("WindowTargetId").asText();
        json(aws.run("ssm", "register-task-with-maintenance-window", "--window-id", windowId, "--task-type", "LAMBDA",
                "--task-arn", "my-function", "--priority", "1", "--targets", "Key=WindowTargetIds,Values=" + targetId,
                "--task-invocation-parameters", "{\"Lambda\":{\"Qualifier\":\"live\"}}"));
        JsonNode tasks = json(aws.run("ssm", "describe-maintenance-window-tasks", "--window-id", windowId)).get("Tasks");
        assertEquals(1, tasks.size());
        assertEquals("my-function", tasks.get(0).get("TaskArn").asText());
        JsonNode schedule = json(aws.run("ssm", "describe-maintenance-window-schedule", "--window-id", windowId,
                "--max-results", "2")).get("ScheduledWindowExecutions");
        assertEquals(2, schedule.size());
        assertTrue(schedule.get(0).get("ExecutionTime").asText().contains("T04:00"), schedule.toString());

        String baselineId = json(aws.run("ssm", "create-patch-baseline", "--name", unique("cli-base"),
                "--operating-system", "AMAZON_LINUX_2023", "--approval-rules",
                "PatchRules=[{PatchFilterGroup={PatchFilters=[{Key=SEVERITY,Values=[Critical]}]},ApproveAfterDays=3}]"))
                .get("BaselineId").asText();
        json(aws.run("ssm", "register-patch-baseline-for-patch-group", "--baseline-id", baselineId, "--patch-group",
                "cli-group"));
        JsonNode group = json(aws.run("ssm", "get-patch-baseline-for-patch-group", "--patch-group", "cli-group",
                "--operating-system", "AMAZON_LINUX_2023"));
        assertEquals(baselineId, group.get("BaselineId").asText());

        AwsCli.Result missing = aws.run("ssm", "get-maintenance-window", "--window-id", "mw-0123456789abcdef0");
        assertTrue(missing.exitCode() != 0, "a service error fails the command");
        assertTrue(missing.stderr().contains("DoesNotExistException"), missing.stderr());
        json(aws.run("ssm", "delete-maintenance-window", "--window-id", windowId));
    }

    private static JsonNode json(AwsCli.Result r) throws Exception {
        assertEquals(0, r.exitCode(), r.stderr());
        return r.stdout().isBlank() ? JSON.createObjectNode() : JSON.readTree(r.stdout());
    }
}
