package io.gureum.cloudformation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.gureum.cloudformation.endtoend.AwsCli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A stack refactor through the AWS CLI, as the user guide's walk-through runs it: create-stack-refactor with
 * stack definitions and a resource mapping, the {@code stack-refactor-create-complete} waiter, the actions,
 * execute-stack-refactor and the {@code stack-refactor-execute-complete} waiter.
 */
@org.junit.jupiter.api.Tag("slow") // the slow tier: skipped by mvn verify -Dfast
class RefactorCliIT extends CloudFormationTestSupport {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static AwsCli.Result aws(String... args) throws Exception {
        AwsCli.Result r = AwsCli.run(gureum, () -> { }, args);
        assertEquals(0, r.exitCode(), r.stderr() + r.stdout());
        return r;
    }

    @Test
    void renameAndMoveWithTheCli() throws Exception {
        String source = unique("cli-refactor-a");
        String target = unique("cli-refactor-b");
        cfn.createStack(b -> b.stackName(source).templateBody("""
                {"Resources": {"Jobs": {"Type": "AWS::SQS::Queue"}, "Dead": {"Type": "AWS::SQS::Queue"}}}"""));
        cfn.createStack(b -> b.stackName(target).templateBody("""
                {"Resources": {"Other": {"Type": "AWS::SQS::Queue"}}}"""));
        assertEquals("CREATE_COMPLETE", settle(source).stackStatusAsString());
        assertEquals("CREATE_COMPLETE", settle(target).stackStatusAsString());
        String deadUrl = cfn.describeStackResource(b -> b.stackName(source).logicalResourceId("Dead"))
                .stackResourceDetail().physicalResourceId();

        ArrayNode definitions = JSON.createArrayNode();
        definitions.addObject().put("StackName", source).put("TemplateBody", """
                {"Resources": {"Jobs": {"Type": "AWS::SQS::Queue"}}}""");
        definitions.addObject().put("StackName", target).put("TemplateBody", """
                {"Resources": {"Other": {"Type": "AWS::SQS::Queue"}, "DeadLetters": {"Type": "AWS::SQS::Queue"}}}""");
        ArrayNode mappings = JSON.createArrayNode();
        var m = mappings.addObject();
        m.putObject("Source").put("StackName", source).put("LogicalResourceId", "Dead");
        m.putObject("Destination").put("StackName", target).put("LogicalResourceId", "DeadLetters");
        Path defs = Files.createTempFile("defs", ".json");
        Path maps = Files.createTempFile("maps", ".json");
        try {
            Files.writeString(defs, definitions.toString());
            Files.writeString(maps, mappings.toString());
            String id = JSON.readTree(aws("cloudformation", "create-stack-refactor", "--description", "cli",
                    "--stack-definitions", "file://" + defs, "--resource-mappings", "file://" + maps).stdout())
                    .get("StackRefactorId").asText();
            aws("cloudformation", "wait", "stack-refactor-create-complete", "--stack-refactor-id", id);
            JsonNode actions = JSON.readTree(aws("cloudformation", "list-stack-refactor-actions", "--stack-refactor-id",
                    id).stdout()).get("StackRefactorActions");
            assertEquals(1, actions.size(), actions.toString());
            assertEquals("MANUAL", actions.get(0).get("Detection").asText());
            assertEquals(deadUrl, actions.get(0).get("PhysicalResourceId").asText());

            aws("cloudformation", "execute-stack-refactor", "--stack-refactor-id", id);
            aws("cloudformation", "wait", "stack-refactor-execute-complete", "--stack-refactor-id", id);
            JsonNode described = JSON.readTree(aws("cloudformation", "describe-stack-refactor", "--stack-refactor-id",
                    id).stdout());
            assertEquals("EXECUTE_COMPLETE", described.get("ExecutionStatus").asText());
            assertEquals(deadUrl, cfn.describeStackResource(b -> b.stackName(target).logicalResourceId("DeadLetters"))
                    .stackResourceDetail().physicalResourceId());
            JsonNode listed = JSON.readTree(aws("cloudformation", "list-stack-refactors", "--execution-status-filter",
                    "EXECUTE_COMPLETE").stdout()).get("StackRefactorSummaries");
            assertEquals("cli", listed.get(0).get("Description").asText());
        } finally {
            Files.deleteIfExists(defs);
            Files.deleteIfExists(maps);
        }
    }
}
