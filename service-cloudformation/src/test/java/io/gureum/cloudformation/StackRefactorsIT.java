package io.gureum.cloudformation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudformation.model.DescribeStackRefactorResponse;
import software.amazon.awssdk.services.cloudformation.model.ResourceMapping;
import software.amazon.awssdk.services.cloudformation.model.StackDefinition;
import software.amazon.awssdk.services.cloudformation.model.StackRefactorAction;
import software.amazon.awssdk.services.cloudformation.model.StackResource;

/**
 * Stack refactoring (user guide "Stack refactoring"): resources move between stacks and take new logical ids
 * without their service being touched, after validation that refuses creations, deletions, changed properties,
 * ambiguous matches and changed parameters.
 */
class StackRefactorsIT extends CloudFormationTestSupport {

    private static String created(String name, String template) {
        cfn.createStack(b -> b.stackName(name).templateBody(template));
        assertEquals("CREATE_COMPLETE", settle(name).stackStatusAsString());
        return cfn.describeStacks(b -> b.stackName(name)).stacks().get(0).stackId();
    }

    private static Map<String, String> physicalIds(String stack) {
        return cfn.describeStackResources(b -> b.stackName(stack)).stackResources().stream()
                .collect(Collectors.toMap(StackResource::logicalResourceId, StackResource::physicalResourceId));
    }

    private static StackDefinition def(String stack, String body) {
        return StackDefinition.builder().stackName(stack).templateBody(body).build();
    }

    private static ResourceMapping mapping(String fromStack, String fromId, String toStack, String toId) {
        return ResourceMapping.builder().source(s -> s.stackName(fromStack).logicalResourceId(fromId))
                .destination(d -> d.stackName(toStack).logicalResourceId(toId)).build();
    }

    private static DescribeStackRefactorResponse describe(String id) {
        return cfn.describeStackRefactor(b -> b.stackRefactorId(id));
    }

    @Test
    void aResourceMovesToAnotherStackWithoutBeingRecreated() {
        String a = unique("refactor-a");
        String b = unique("refactor-b");
        String aId = created(a, """
                {"Resources": {"Kept": {"Type": "AWS::SQS::Queue"},
                               "Moving": {"Type": "AWS::SQS::Queue", "Properties": {"VisibilityTimeout": 45}}}}""");
        String bId = created(b, """
                {"Resources": {"Other": {"Type": "AWS::SQS::Queue"}}}""");
        String movingUrl = physicalIds(a).get("Moving");
        String keptUrl = physicalIds(a).get("Kept");

        String newA = """
                {"Resources": {"Kept": {"Type": "AWS::SQS::Queue"}}}""";
        String newB = """
                {"Resources": {"Other": {"Type": "AWS::SQS::Queue"},
                               "Moving": {"Type": "AWS::SQS::Queue", "Properties": {"VisibilityTimeout": 45}}},
                 "Outputs": {"Url": {"Value": {"Ref": "Moving"}}}}""";
        String id = cfn.createStackRefactor(r -> r.description("split").stackDefinitions(def(a, newA), def(b, newB)))
                .stackRefactorId();
        DescribeStackRefactorResponse d = describe(id);
        assertEquals("CREATE_COMPLETE", d.statusAsString(), d.statusReason());
        assertEquals("AVAILABLE", d.executionStatusAsString());
        assertEquals("split", d.description());
        assertEquals(List.of(aId, bId), d.stackIds());

        List<StackRefactorAction> actions = cfn.listStackRefactorActions(r -> r.stackRefactorId(id))
                .stackRefactorActions();
        assertEquals(1, actions.size(), actions.toString());
        StackRefactorAction move = actions.get(0);
        assertEquals("MOVE", move.actionAsString());
        assertEquals("RESOURCE", move.entityAsString());
        assertEquals("AUTO", move.detectionAsString());
        assertEquals(movingUrl, move.physicalResourceId());
        assertEquals(aId, move.resourceMapping().source().stackName());
        assertEquals("Moving", move.resourceMapping().source().logicalResourceId());
        assertEquals(bId, move.resourceMapping().destination().stackName());

        cfn.executeStackRefactor(r -> r.stackRefactorId(id));
        d = describe(id);
        assertEquals("EXECUTE_COMPLETE", d.executionStatusAsString(), d.executionStatusReason());
        assertEquals(Map.of("Kept", keptUrl), physicalIds(a));
        assertEquals(movingUrl, physicalIds(b).get("Moving"));
        assertEquals("UPDATE_COMPLETE", settle(b).stackStatusAsString());
        assertEquals(movingUrl, settle(b).outputs().get(0).outputValue());
        assertTrue(events(b).containsAll(List.of(b + " UPDATE_IN_PROGRESS", b + " UPDATE_COMPLETE")), events(b)
                .toString());
        assertEquals(newA, cfn.getTemplate(r -> r.stackName(a)).templateBody());
        // The queue was neither deleted nor recreated: its attributes are as created.
        assertEquals("45", sqs.getQueueAttributes(r -> r.queueUrl(movingUrl).attributeNamesWithStrings(
                "VisibilityTimeout")).attributesAsStrings().get("VisibilityTimeout"));

        fails(400, "ValidationError", () -> cfn.executeStackRefactor(r -> r.stackRefactorId(id)));
        assertTrue(cfn.listStackRefactors(r -> r.executionStatusFilterWithStrings("EXECUTE_COMPLETE"))
                .stackRefactorSummaries().stream().anyMatch(s -> s.stackRefactorId().equals(id)));
        assertFalse(cfn.listStackRefactors(r -> r.executionStatusFilterWithStrings("AVAILABLE"))
                .stackRefactorSummaries().stream().anyMatch(s -> s.stackRefactorId().equals(id)));

        // Deleting the first stack no longer deletes the queue that moved out of it.
        cfn.deleteStack(r -> r.stackName(a));
        assertEquals("DELETE_COMPLETE", settleDeleted(aId));
        sqs.getQueueAttributes(r -> r.queueUrl(movingUrl));
        fails(400, "AWS.SimpleQueueService.NonExistentQueue", () -> sqs.getQueueAttributes(r -> r.queueUrl(keptUrl)));
    }

    private static String settleDeleted(String stackId) {
        for (int i = 0; i < 6000; i++) {
            String s = cfn.describeStacks(r -> r.stackName(stackId)).stacks().get(0).stackStatusAsString();
            if (!s.endsWith("_IN_PROGRESS")) {
                return s;
            }
            sleep(50);
        }
        return "never settled";
    }

    @Test
    void aRenameByMappingAndANewStackWithEnableStackCreation() {
        String c = unique("refactor-c");
        String n = unique("refactor-new");
        String cId = created(c, """
                {"Resources": {"First": {"Type": "AWS::SQS::Queue"},
                               "Second": {"Type": "AWS::SQS::Queue", "Properties": {"DelaySeconds": 5}}}}""");
        Map<String, String> before = physicalIds(c);
        String newC = """
                {"Resources": {"Renamed": {"Type": "AWS::SQS::Queue"}}}""";
        String newStack = """
                {"Resources": {"Second": {"Type": "AWS::SQS::Queue", "Properties": {"DelaySeconds": 5}}}}""";
        // Without EnableStackCreation a stack that does not exist is refused.
        fails(400, "ValidationError", () -> cfn.createStackRefactor(r -> r.stackDefinitions(def(c, newC),
                def(n, newStack))));
        String id = cfn.createStackRefactor(r -> r.enableStackCreation(true).stackDefinitions(def(c, newC),
                def(n, newStack)).resourceMappings(mapping(cId, "First", c, "Renamed"))).stackRefactorId();
        DescribeStackRefactorResponse d = describe(id);
        assertEquals("CREATE_COMPLETE", d.statusAsString(), d.statusReason());
        List<StackRefactorAction> actions = cfn.listStackRefactorActions(r -> r.stackRefactorId(id))
                .stackRefactorActions();
        assertEquals(List.of("CREATE STACK", "MOVE RESOURCE", "MOVE RESOURCE"), actions.stream()
                .map(a -> a.actionAsString() + " " + a.entityAsString()).toList());
        StackRefactorAction rename = actions.stream().filter(a -> "MANUAL".equals(a.detectionAsString())).findFirst()
                .orElseThrow();
        assertEquals("First", rename.resourceMapping().source().logicalResourceId());
        assertEquals("Renamed", rename.resourceMapping().destination().logicalResourceId());
        assertEquals(2, cfn.listStackRefactorActions(r -> r.stackRefactorId(id).maxResults(2))
                .stackRefactorActions().size());
        assertTrue(cfn.describeStacks().stacks().stream().noneMatch(s -> s.stackName().equals(n)));

        cfn.executeStackRefactor(r -> r.stackRefactorId(id));
        assertEquals("EXECUTE_COMPLETE", describe(id).executionStatusAsString(), describe(id).executionStatusReason());
        assertEquals(Map.of("Renamed", before.get("First")), physicalIds(c));
        assertEquals(Map.of("Second", before.get("Second")), physicalIds(n));
        assertEquals("CREATE_COMPLETE", settle(n).stackStatusAsString());
        assertEquals(describe(id).stackIds().get(1), settle(n).stackId());
    }

    @Test
    void theValidationRefusesCreationsDeletionsChangesAndAmbiguity() {
        String s = unique("refactor-v");
        String t = unique("refactor-w");
        created(s, """
                {"Resources": {"One": {"Type": "AWS::SQS::Queue"}, "Two": {"Type": "AWS::SQS::Queue"},
                               "Named": {"Type": "AWS::SQS::Queue",
                                         "Properties": {"QueueName": {"Fn::Sub": "${AWS::StackName}-q"}}}}}""");
        created(t, """
                {"Resources": {"Three": {"Type": "AWS::SQS::Queue"}}}""");
        String keep = """
                {"Resources": {"One": {"Type": "AWS::SQS::Queue"}, "Two": {"Type": "AWS::SQS::Queue"},
                               "Named": {"Type": "AWS::SQS::Queue",
                                         "Properties": {"QueueName": {"Fn::Sub": "${AWS::StackName}-q"}}}}}""";
        // A changed property.
        assertFailed(cfn.createStackRefactor(r -> r.stackDefinitions(def(s, """
                {"Resources": {"One": {"Type": "AWS::SQS::Queue", "Properties": {"DelaySeconds": 3}},
                               "Two": {"Type": "AWS::SQS::Queue"},
                               "Named": {"Type": "AWS::SQS::Queue",
                                         "Properties": {"QueueName": {"Fn::Sub": "${AWS::StackName}-q"}}}}}"""),
                def(t, """
                {"Resources": {"Three": {"Type": "AWS::SQS::Queue"}}}"""))).stackRefactorId(), "properties");
        // A new resource.
        assertFailed(cfn.createStackRefactor(r -> r.stackDefinitions(def(s, keep), def(t, """
                {"Resources": {"Three": {"Type": "AWS::SQS::Queue"}, "Four": {"Type": "AWS::SQS::Queue"}}}""")))
                .stackRefactorId(), "does not create resources");
        // A resource left out.
        assertFailed(cfn.createStackRefactor(r -> r.stackDefinitions(def(s, """
                {"Resources": {"One": {"Type": "AWS::SQS::Queue"},
                               "Named": {"Type": "AWS::SQS::Queue",
                                         "Properties": {"QueueName": {"Fn::Sub": "${AWS::StackName}-q"}}}}}"""),
                def(t, """
                {"Resources": {"Three": {"Type": "AWS::SQS::Queue"}}}"""))).stackRefactorId(), "does not delete");
        // A property built from AWS::StackName cannot move to another stack.
        assertFailed(cfn.createStackRefactor(r -> r.stackDefinitions(def(s, """
                {"Resources": {"One": {"Type": "AWS::SQS::Queue"}, "Two": {"Type": "AWS::SQS::Queue"}}}"""),
                def(t, """
                {"Resources": {"Three": {"Type": "AWS::SQS::Queue"},
                               "Named": {"Type": "AWS::SQS::Queue",
                                         "Properties": {"QueueName": {"Fn::Sub": "${AWS::StackName}-q"}}}}}""")))
                .stackRefactorId(), "properties");
        // Two renamed queues alike: which is which is a conflict that only mappings resolve.
        String renamed = """
                {"Resources": {"Uno": {"Type": "AWS::SQS::Queue"}, "Dos": {"Type": "AWS::SQS::Queue"},
                               "Named": {"Type": "AWS::SQS::Queue",
                                         "Properties": {"QueueName": {"Fn::Sub": "${AWS::StackName}-q"}}}}}""";
        assertFailed(cfn.createStackRefactor(r -> r.stackDefinitions(def(s, renamed))).stackRefactorId(),
                "more than one");
        String ok = cfn.createStackRefactor(r -> r.stackDefinitions(def(s, renamed)).resourceMappings(
                mapping(s, "One", s, "Uno"), mapping(s, "Two", s, "Dos"))).stackRefactorId();
        assertEquals("CREATE_COMPLETE", describe(ok).statusAsString(), describe(ok).statusReason());
        // A parameter added.
        assertFailed(cfn.createStackRefactor(r -> r.stackDefinitions(def(t, """
                {"Parameters": {"P": {"Type": "String", "Default": "x"}},
                 "Resources": {"Three": {"Type": "AWS::SQS::Queue"}}}"""))).stackRefactorId(), "Parameters");
        // The same resource mapped twice, and a mapping naming a stack outside the refactor.
        assertFailed(cfn.createStackRefactor(r -> r.stackDefinitions(def(s, renamed)).resourceMappings(
                mapping(s, "One", s, "Uno"), mapping(s, "One", s, "Dos"))).stackRefactorId(), "more than one");
        assertFailed(cfn.createStackRefactor(r -> r.stackDefinitions(def(s, renamed)).resourceMappings(
                mapping(t, "Three", s, "Uno"))).stackRefactorId(), "not one of the StackDefinitions");
        // A malformed template.
        assertFailed(cfn.createStackRefactor(r -> r.stackDefinitions(def(s, "{\"Resources\": {"))).stackRefactorId(),
                "not well-formed");

        // A stack changed after the refactor was made: OBSOLETE, not executable.
        cfn.updateStack(r -> r.stackName(t).templateBody("""
                {"Resources": {"Three": {"Type": "AWS::SQS::Queue", "Properties": {"DelaySeconds": 1}}}}"""));
        assertEquals("UPDATE_COMPLETE", settle(t).stackStatusAsString());
        String stale = cfn.createStackRefactor(r -> r.stackDefinitions(def(t, """
                {"Resources": {"Drei": {"Type": "AWS::SQS::Queue", "Properties": {"DelaySeconds": 1}}}}""")))
                .stackRefactorId();
        assertEquals("AVAILABLE", describe(stale).executionStatusAsString());
        cfn.updateStack(r -> r.stackName(t).templateBody("""
                {"Resources": {"Three": {"Type": "AWS::SQS::Queue", "Properties": {"DelaySeconds": 2}}}}"""));
        assertEquals("UPDATE_COMPLETE", settle(t).stackStatusAsString());
        assertEquals("OBSOLETE", describe(stale).executionStatusAsString());
        fails(400, "ValidationError", () -> cfn.executeStackRefactor(r -> r.stackRefactorId(stale)));

        fails(404, "StackRefactorNotFoundException", () -> describe("no-such-refactor"));
        fails(404, "StackRefactorNotFoundException", () -> cfn.listStackRefactorActions(r -> r.stackRefactorId(
                "no-such-refactor")));
        fails(400, "ValidationError", () -> cfn.createStackRefactor(r -> r.stackDefinitions(def("a", keep),
                def("b", keep), def("c", keep), def("d", keep), def("e", keep), def("f", keep))));
    }

    @Test
    void anExportAnotherStackImportsStaysAndMovesWithItsResource() {
        String exporter = unique("refactor-x");
        String other = unique("refactor-y");
        String importer = unique("refactor-z");
        String exportName = unique("refactor-export");
        created(exporter, """
                {"Resources": {"Shared": {"Type": "AWS::SQS::Queue"}, "Local": {"Type": "AWS::SQS::Queue"}},
                 "Outputs": {"Url": {"Value": {"Ref": "Shared"}, "Export": {"Name": "%s"}}}}""".formatted(exportName));
        created(other, """
                {"Resources": {"Mine": {"Type": "AWS::SQS::Queue"}}}""");
        created(importer, """
                {"Resources": {"User": {"Type": "AWS::SQS::Queue",
                  "Properties": {"Tags": [{"Key": "source", "Value": {"Fn::ImportValue": "%s"}}]}}}}"""
                .formatted(exportName));
        String url = physicalIds(exporter).get("Shared");
        // Dropping an export the third stack imports is refused.
        assertFailed(cfn.createStackRefactor(r -> r.stackDefinitions(def(exporter, """
                {"Resources": {"Local": {"Type": "AWS::SQS::Queue"}}}"""), def(other, """
                {"Resources": {"Mine": {"Type": "AWS::SQS::Queue"}, "Shared": {"Type": "AWS::SQS::Queue"}}}""")))
                .stackRefactorId(), "in use by " + importer);
        // Moving the export with its resource keeps it for the importer.
        String id = cfn.createStackRefactor(r -> r.stackDefinitions(def(exporter, """
                {"Resources": {"Local": {"Type": "AWS::SQS::Queue"}}}"""), def(other, """
                {"Resources": {"Mine": {"Type": "AWS::SQS::Queue"}, "Shared": {"Type": "AWS::SQS::Queue"}},
                 "Outputs": {"Url": {"Value": {"Ref": "Shared"}, "Export": {"Name": "%s"}}}}""".formatted(exportName))))
                .stackRefactorId();
        assertEquals("CREATE_COMPLETE", describe(id).statusAsString(), describe(id).statusReason());
        cfn.executeStackRefactor(r -> r.stackRefactorId(id));
        assertEquals("EXECUTE_COMPLETE", describe(id).executionStatusAsString(), describe(id).executionStatusReason());
        assertTrue(cfn.listExports().exports().stream().anyMatch(e -> e.name().equals(exportName)
                && e.value().equals(url) && e.exportingStackId().equals(settle(other).stackId())));
        assertEquals(List.of(importer), cfn.listImports(r -> r.exportName(exportName)).imports());
    }

    private static void assertFailed(String id, String reason) {
        DescribeStackRefactorResponse d = describe(id);
        assertEquals("CREATE_FAILED", d.statusAsString());
        assertEquals("UNAVAILABLE", d.executionStatusAsString());
        assertTrue(d.statusReason() != null && d.statusReason().contains(reason), d.statusReason());
        assertNull(d.executionStatusReason());
        assertTrue(cfn.listStackRefactorActions(r -> r.stackRefactorId(id)).stackRefactorActions().isEmpty());
        fails(400, "ValidationError", () -> cfn.executeStackRefactor(r -> r.stackRefactorId(id)));
    }
}
