package io.gureum.ssm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ssm.model.AssociationAlreadyExistsException;
import software.amazon.awssdk.services.ssm.model.AssociationDescription;
import software.amazon.awssdk.services.ssm.model.AssociationDoesNotExistException;
import software.amazon.awssdk.services.ssm.model.AssociationExecutionDoesNotExistException;
import software.amazon.awssdk.services.ssm.model.AssociationFilter;
import software.amazon.awssdk.services.ssm.model.AssociationFilterKey;
import software.amazon.awssdk.services.ssm.model.AssociationStatusName;
import software.amazon.awssdk.services.ssm.model.CreateAssociationBatchRequestEntry;
import software.amazon.awssdk.services.ssm.model.InvalidAssociationVersionException;
import software.amazon.awssdk.services.ssm.model.InvalidDocumentException;
import software.amazon.awssdk.services.ssm.model.InvalidDocumentVersionException;
import software.amazon.awssdk.services.ssm.model.InvalidInstanceIdException;
import software.amazon.awssdk.services.ssm.model.InvalidOutputLocationException;
import software.amazon.awssdk.services.ssm.model.InvalidParametersException;
import software.amazon.awssdk.services.ssm.model.InvalidScheduleException;
import software.amazon.awssdk.services.ssm.model.InvalidTargetException;
import software.amazon.awssdk.services.ssm.model.ResourceTypeForTagging;
import software.amazon.awssdk.services.ssm.model.StatusUnchangedException;
import software.amazon.awssdk.services.ssm.model.Target;
import software.amazon.awssdk.services.ssm.model.ValidationException;

/** State Manager associations through the SDK: create, describe, update (versions), list, delete, errors. */
class AssociationsIT extends StateManagerTestSupport {
    static Target target(String key, String... values) {
        return Target.builder().key(key).values(values).build();
    }

    @Test
    void createDescribeUpdateAndDelete() {
        String doc = document(COMMAND);
        AssociationDescription created = ssm.createAssociation(b -> b.name(doc).associationName("nightly")
                .targets(target("tag:env", "dev")).scheduleExpression("cron(0 2 ? * SUN *)")
                .parameters(Map.of("level", List.of("low"))).maxConcurrency("10%").maxErrors("1")
                .complianceSeverity("HIGH").syncCompliance("AUTO").applyOnlyAtCronInterval(true)
                .tags(t -> t.key("team").value("ops"))).associationDescription();
        String id = created.associationId();
        assertTrue(id.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"), id);
        assertEquals("1", created.associationVersion());
        assertEquals("$DEFAULT", created.documentVersion());
        assertEquals("Pending", created.overview().status());
        assertEquals("Creating", created.overview().detailedStatus());
        assertNull(created.lastExecutionDate(), "nothing ever runs");
        assertEquals("HIGH", created.complianceSeverityAsString());

        AssociationDescription d = ssm.describeAssociation(b -> b.associationId(id)).associationDescription();
        assertEquals("nightly", d.associationName());
        assertEquals(List.of(target("tag:env", "dev")), d.targets());
        assertEquals(Map.of("level", List.of("low")), d.parameters());
        assertEquals("Pending", d.overview().status());
        assertEquals("10%", d.maxConcurrency());
        assertEquals(List.of("ops"), ssm.listTagsForResource(b -> b.resourceType(ResourceTypeForTagging.ASSOCIATION)
                .resourceId(id)).tagList().stream().map(t -> t.value()).toList());

        AssociationDescription updated = ssm.updateAssociation(b -> b.associationId(id).associationVersion("1")
                .name(doc).targets(target("tag:env", "prod")).scheduleExpression("rate(1 day)")
                .parameters(Map.of("level", List.of("high")))).associationDescription();
        assertEquals("2", updated.associationVersion());
        assertNull(updated.associationName(), "UpdateAssociation clears the optional parameters it is not given");
        assertNull(updated.maxConcurrency());
        assertEquals("rate(1 day)", updated.scheduleExpression());
        assertError(InvalidAssociationVersionException.class, "InvalidAssociationVersion", 400, null,
                () -> ssm.updateAssociation(b -> b.associationId(id).associationVersion("1").name(doc)));
        assertEquals("nightly", ssm.describeAssociation(b -> b.associationId(id).associationVersion("1"))
                .associationDescription().associationName(), "an older version stays readable");
        assertError(InvalidAssociationVersionException.class, "InvalidAssociationVersion", 400, null,
                () -> ssm.describeAssociation(b -> b.associationId(id).associationVersion("9")));

        var versions = ssm.listAssociationVersions(b -> b.associationId(id)).associationVersions();
        assertEquals(List.of("1", "2"), versions.stream().map(v -> v.associationVersion()).toList());
        var firstPage = ssm.listAssociationVersions(b -> b.associationId(id).maxResults(1));
        assertEquals(1, firstPage.associationVersions().size());
        assertEquals("2", ssm.listAssociationVersions(b -> b.associationId(id).maxResults(1)
                .nextToken(firstPage.nextToken())).associationVersions().get(0).associationVersion());

        assertTrue(ssm.describeAssociationExecutions(b -> b.associationId(id)).associationExecutions().isEmpty());
        assertError(AssociationExecutionDoesNotExistException.class, "AssociationExecutionDoesNotExist", 400, null,
                () -> ssm.describeAssociationExecutionTargets(b -> b.associationId(id)
                        .executionId("11111111-2222-3333-4444-555555555555")));
        ssm.startAssociationsOnce(b -> b.associationIds(id));
        assertEquals("Pending", ssm.describeAssociation(b -> b.associationId(id)).associationDescription().overview()
                .status(), "StartAssociationsOnce runs nothing: no target reports");

        ssm.deleteAssociation(b -> b.associationId(id));
        assertError(AssociationDoesNotExistException.class, "AssociationDoesNotExist", 400,
                "The specified association doesn't exist.", () -> ssm.describeAssociation(b -> b.associationId(id)));
        assertError(AssociationDoesNotExistException.class, "AssociationDoesNotExist", 400, null,
                () -> ssm.deleteAssociation(b -> b.associationId(id)));
        assertError(AssociationDoesNotExistException.class, "AssociationDoesNotExist", 400, null,
                () -> ssm.startAssociationsOnce(b -> b.associationIds(id)));
    }

    @Test
    void theDocumentScheduleTargetsAndParametersAreChecked() {
        String doc = document(COMMAND);
        Map<String, List<String>> low = Map.of("level", List.of("low"));
        assertError(InvalidDocumentException.class, "InvalidDocument", 400, null, () -> ssm.createAssociation(b -> b
                .name("NoSuchDocument").targets(target("InstanceIds", "*"))));
        assertError(InvalidDocumentException.class, "InvalidDocument", 400, null, () -> ssm.createAssociation(b -> b
                .name("AWS-RunShellScript").targets(target("InstanceIds", "*"))));
        assertError(InvalidDocumentVersionException.class, "InvalidDocumentVersion", 400, null,
                () -> ssm.createAssociation(b -> b.name(doc).documentVersion("7").parameters(low)
                        .targets(target("InstanceIds", "*"))));
        for (String bad : List.of("rate(5 minutes)", "rate(1 days)", "rate(31 days)", "cron(0 2 * * * *)",
                "every day", "cron(0 2)")) {
            assertError(InvalidScheduleException.class, "InvalidSchedule", 400, null, () -> ssm.createAssociation(
                    b -> b.name(doc).parameters(low).targets(target("InstanceIds", "*")).scheduleExpression(bad)));
        }
        assertError(InvalidScheduleException.class, "InvalidSchedule", 400, null, () -> ssm.createAssociation(b -> b
                .name(doc).parameters(low).targets(target("InstanceIds", "*")).scheduleExpression("rate(30 minutes)")
                .applyOnlyAtCronInterval(true)));
        assertError(InvalidTargetException.class, "InvalidTarget", 400, null, () -> ssm.createAssociation(b -> b
                .name(doc).parameters(low).targets(target("Colour", "red"))));
        assertError(InvalidTargetException.class, "InvalidTarget", 400, null, () -> ssm.createAssociation(b -> b
                .name(doc).parameters(low).targets(Target.builder().key("tag:env").build())));
        ValidationException tooMany = assertError(ValidationException.class, "ValidationException", 400, null,
                () -> ssm.createAssociation(b -> b.name(doc).parameters(low).targets(target("tag:a", "1"),
                        target("tag:b", "1"), target("tag:c", "1"), target("tag:d", "1"), target("tag:e", "1"),
                        target("tag:f", "1"))));
        assertTrue(tooMany.getMessage().contains("targets"), tooMany.getMessage());
        assertError(ValidationException.class, "ValidationException", 400, null, () -> ssm.createAssociation(b -> b
                .name(doc).parameters(low).targets(target("InstanceIds", "*")).maxConcurrency("0")));
        assertError(InvalidParametersException.class, "InvalidParameters", 400, null, () -> ssm.createAssociation(
                b -> b.name(doc).targets(target("InstanceIds", "*"))));
        assertError(InvalidParametersException.class, "InvalidParameters", 400, null, () -> ssm.createAssociation(
                b -> b.name(doc).targets(target("InstanceIds", "*")).parameters(Map.of("level", List.of("low"),
                        "colour", List.of("red")))));
        assertError(InvalidParametersException.class, "InvalidParameters", 400, null, () -> ssm.createAssociation(
                b -> b.name(doc).targets(target("InstanceIds", "*")).parameters(Map.of("level", List.of("max")))));
        assertError(InvalidOutputLocationException.class, "InvalidOutputLocation", 400, null,
                () -> ssm.createAssociation(b -> b.name(doc).parameters(low).targets(target("InstanceIds", "*"))
                        .outputLocation(o -> o.s3Location(s -> s.outputS3BucketName(unique("no-bucket"))))));

        ssm.createAssociation(b -> b.name(doc).parameters(low).targets(target("instanceids", "*"))
                .scheduleExpression("rate(30 minutes)"));
        assertError(AssociationAlreadyExistsException.class, "AssociationAlreadyExists", 400,
                "The specified association already exists.", () -> ssm.createAssociation(b -> b.name(doc)
                        .parameters(low).targets(target("InstanceIds", "*")).scheduleExpression("rate(30 minutes)")));
        String bucket = unique("out");
        s3.createBucket(b -> b.bucket(bucket));
        var withOutput = ssm.createAssociation(b -> b.name(doc).parameters(low).targets(target("tag-key", "env"))
                .scheduleExpression("at(2030-01-01T00:00:00)").outputLocation(o -> o.s3Location(s -> s
                        .outputS3BucketName(bucket).outputS3KeyPrefix("logs")))).associationDescription();
        assertEquals(bucket, withOutput.outputLocation().s3Location().outputS3BucketName());
    }

    @Test
    void associationTagsThroughTheTaggingOperations() {
        String doc = document(COMMAND);
        String id = ssm.createAssociation(b -> b.name(doc).parameters(Map.of("level", List.of("low")))
                .targets(target("tag:tier", "web"))).associationDescription().associationId();
        ssm.addTagsToResource(b -> b.resourceType(ResourceTypeForTagging.ASSOCIATION).resourceId(id)
                .tags(t -> t.key("a").value("1"), t -> t.key("b").value("2")));
        ssm.removeTagsFromResource(b -> b.resourceType(ResourceTypeForTagging.ASSOCIATION).resourceId(id)
                .tagKeys("a"));
        assertEquals(List.of("b"), ssm.listTagsForResource(b -> b.resourceType(ResourceTypeForTagging.ASSOCIATION)
                .resourceId(id)).tagList().stream().map(t -> t.key()).toList());
        assertError(software.amazon.awssdk.services.ssm.model.InvalidResourceIdException.class, "InvalidResourceId",
                400, null, () -> ssm.listTagsForResource(b -> b.resourceType(ResourceTypeForTagging.ASSOCIATION)
                        .resourceId("11111111-2222-3333-4444-555555555555")));
    }

    @Test
    void listFiltersAndPages() {
        String doc = document(COMMAND);
        Map<String, List<String>> low = Map.of("level", List.of("low"));
        for (String name : List.of("as1", "as2", "as3")) {
            ssm.createAssociation(b -> b.name(doc).associationName(name).parameters(low)
                    .targets(target("resource-groups:Name", "group-" + name)));
        }
        AssociationFilter byDoc = AssociationFilter.builder().key(AssociationFilterKey.NAME).value(doc).build();
        var first = ssm.listAssociations(b -> b.associationFilterList(byDoc).maxResults(2));
        assertEquals(List.of("as1", "as2"), first.associations().stream().map(a -> a.associationName()).toList());
        assertNotNull(first.nextToken());
        var second = ssm.listAssociations(b -> b.associationFilterList(byDoc).maxResults(2).nextToken(first.nextToken()));
        assertEquals(List.of("as3"), second.associations().stream().map(a -> a.associationName()).toList());
        assertNull(second.nextToken());
        assertEquals("Pending", second.associations().get(0).overview().status());
        assertEquals(List.of("as2"), ssm.listAssociations(b -> b.associationFilterList(byDoc, AssociationFilter.builder()
                .key(AssociationFilterKey.RESOURCE_GROUP_NAME).value("group-as2").build())).associations().stream()
                .map(a -> a.associationName()).toList());
        assertEquals(3, ssm.listAssociations(b -> b.associationFilterList(byDoc, AssociationFilter.builder()
                .key(AssociationFilterKey.ASSOCIATION_STATUS_NAME).value("Pending").build())).associations().size());
        assertEquals(0, ssm.listAssociations(b -> b.associationFilterList(byDoc, AssociationFilter.builder()
                .key(AssociationFilterKey.LAST_EXECUTED_AFTER).value("2020-01-01T00:00:00Z").build())).associations()
                .size(), "nothing has executed");
        assertError(software.amazon.awssdk.services.ssm.model.InvalidNextTokenException.class, "InvalidNextToken", 400,
                null, () -> ssm.listAssociations(b -> b.nextToken("garbage")));
    }

    @Test
    void batchCreatesTheValidEntriesAndReportsTheOthers() {
        String doc = document(COMMAND);
        var r = ssm.createAssociationBatch(b -> b.entries(
                CreateAssociationBatchRequestEntry.builder().name(doc).parameters(Map.of("level", List.of("low")))
                        .targets(target("InstanceIds", "*")).build(),
                CreateAssociationBatchRequestEntry.builder().name(doc).targets(target("InstanceIds", "*")).build(),
                CreateAssociationBatchRequestEntry.builder().name("Missing").targets(target("InstanceIds", "*"))
                        .build()));
        assertEquals(1, r.successful().size());
        assertEquals(2, r.failed().size());
        assertEquals("Client", r.failed().get(0).faultAsString());
        assertEquals("Client", r.failed().get(1).faultAsString());
        assertEquals("Missing", r.failed().get(1).entry().name());
    }

    @Test
    void legacyInstanceAssociationsStatusAndEffectiveAssociations() {
        String legacy = document(LEGACY);
        String modern = document(COMMAND);
        String tagValue = unique("web");
        String instanceId = instance("role", tagValue);
        assertError(InvalidInstanceIdException.class, "InvalidInstanceId", 400, null, () -> ssm.createAssociation(
                b -> b.name(legacy).instanceId("i-0123456789abcdef0")));
        assertError(InvalidDocumentException.class, "InvalidDocument", 400, null, () -> ssm.createAssociation(
                b -> b.name(modern).instanceId(instanceId).parameters(Map.of("level", List.of("low")))));
        AssociationDescription a = ssm.createAssociation(b -> b.name(legacy).instanceId(instanceId))
                .associationDescription();
        assertEquals(instanceId, a.instanceId());
        assertEquals(AssociationStatusName.PENDING, a.status().name());
        assertError(AssociationAlreadyExistsException.class, "AssociationAlreadyExists", 400, null,
                () -> ssm.createAssociation(b -> b.name(legacy).instanceId(instanceId)));
        assertEquals(a.associationId(), ssm.describeAssociation(b -> b.name(legacy).instanceId(instanceId))
                .associationDescription().associationId());
        assertTrue(ssm.describeInstanceAssociationsStatus(b -> b.instanceId(instanceId))
                .instanceAssociationStatusInfos().isEmpty(), "no agent has reported");

        var status = ssm.updateAssociationStatus(b -> b.name(legacy).instanceId(instanceId).associationStatus(s -> s
                .name(AssociationStatusName.FAILED).message("broken").date(java.time.Instant.parse(
                        "2026-01-01T00:00:00Z")))).associationDescription().status();
        assertEquals(AssociationStatusName.FAILED, status.name());
        assertError(StatusUnchangedException.class, "StatusUnchanged", 400, null, () -> ssm.updateAssociationStatus(
                b -> b.name(legacy).instanceId(instanceId).associationStatus(s -> s.name(AssociationStatusName.FAILED)
                        .message("broken").date(java.time.Instant.parse("2026-01-01T00:00:00Z")))));
        var infos = ssm.describeInstanceAssociationsStatus(b -> b.instanceId(instanceId))
                .instanceAssociationStatusInfos();
        assertEquals(1, infos.size());
        assertEquals("Failed", infos.get(0).status());

        String byTag = ssm.createAssociation(b -> b.name(modern).parameters(Map.of("level", List.of("high")))
                .targets(target("tag:role", tagValue))).associationDescription().associationId();
        String other = ssm.createAssociation(b -> b.name(modern).parameters(Map.of("level", List.of("high")))
                .targets(target("tag:role", "someone-else"))).associationDescription().associationId();
        // Other tests' associations targeting "InstanceIds *" take this instance too.
        var effective = ssm.describeEffectiveInstanceAssociations(b -> b.instanceId(instanceId)).associations();
        List<String> ids = effective.stream().map(e -> e.associationId()).toList();
        assertTrue(ids.contains(a.associationId()) && ids.contains(byTag) && !ids.contains(other), ids.toString());
        assertEquals(COMMAND, effective.stream().filter(e -> e.associationId().equals(byTag)).findFirst().get()
                .content());
        assertError(InvalidInstanceIdException.class, "InvalidInstanceId", 400, null,
                () -> ssm.describeEffectiveInstanceAssociations(b -> b.instanceId("i-0123456789abcdef0")));

        ssm.deleteAssociation(b -> b.name(legacy).instanceId(instanceId));
        assertError(AssociationDoesNotExistException.class, "AssociationDoesNotExist", 400, null,
                () -> ssm.describeAssociation(b -> b.associationId(a.associationId())));
    }
}
