package io.gureum.cloudformation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.cloudformation.model.DescribeStackRefactorResponse;
import software.amazon.awssdk.services.cloudformation.model.StackDefinition;
import software.amazon.awssdk.services.cloudformation.model.StackRefactorAction;
import software.amazon.awssdk.services.cloudformation.model.StackResource;
import software.amazon.awssdk.services.cloudformation.model.Tag;

/**
 * Stack refactoring re-tags what it moves (the {@code aws:cloudformation:*} tags name the destination stack and
 * the new logical id; the stacks' own tags follow the destination), and moves resources between nested stacks.
 */
class RefactorTagsIT extends CloudFormationTestSupport {

    private static String created(String name, String template, Tag... tags) {
        cfn.createStack(b -> b.stackName(name).templateBody(template).tags(tags));
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

    private static Tag tag(String key, String value) {
        return Tag.builder().key(key).value(value).build();
    }

    private static DescribeStackRefactorResponse describe(String id) {
        return cfn.describeStackRefactor(b -> b.stackRefactorId(id));
    }

    @Test
    void movedAndRenamedResourcesAreRetaggedForTheirDestination() {
        String a = unique("retag-a");
        String b = unique("retag-b");
        String aId = created(a, """
                {"Resources": {"Kept": {"Type": "AWS::SQS::Queue"},
                               "Moving": {"Type": "AWS::SQS::Queue", "Properties": {"VisibilityTimeout": 40,
                                 "Tags": [{"Key": "own", "Value": "mine"}]}},
                               "Bucket": {"Type": "AWS::S3::Bucket"}}}""", tag("team", "red"), tag("env", "dev"));
        String bId = created(b, """
                {"Resources": {"Other": {"Type": "AWS::SQS::Queue"}}}""", tag("team", "blue"));
        String movingUrl = physicalIds(a).get("Moving");
        String bucket = physicalIds(a).get("Bucket");
        assertEquals(a, sqs.listQueueTags(r -> r.queueUrl(movingUrl)).tags().get("aws:cloudformation:stack-name"));

        String id = cfn.createStackRefactor(r -> r.stackDefinitions(def(a, """
                {"Resources": {"Kept": {"Type": "AWS::SQS::Queue"},
                               "Store": {"Type": "AWS::S3::Bucket"}}}"""), def(b, """
                {"Resources": {"Other": {"Type": "AWS::SQS::Queue"},
                               "Moved": {"Type": "AWS::SQS::Queue", "Properties": {"VisibilityTimeout": 40,
                                 "Tags": [{"Key": "own", "Value": "mine"}]}}}}"""))
                .resourceMappings(m -> m.source(s -> s.stackName(a).logicalResourceId("Moving"))
                        .destination(d -> d.stackName(b).logicalResourceId("Moved")),
                        m -> m.source(s -> s.stackName(a).logicalResourceId("Bucket"))
                                .destination(d -> d.stackName(a).logicalResourceId("Store"))))
                .stackRefactorId();
        assertEquals("CREATE_COMPLETE", describe(id).statusAsString(), describe(id).statusReason());
        List<StackRefactorAction> actions = cfn.listStackRefactorActions(r -> r.stackRefactorId(id))
                .stackRefactorActions();
        StackRefactorAction move = actions.stream().filter(x -> x.physicalResourceId().equals(movingUrl))
                .findFirst().orElseThrow();
        assertEquals(List.of(tag("aws:cloudformation:stack-name", b), tag("aws:cloudformation:stack-id", bId),
                tag("aws:cloudformation:logical-id", "Moved"), tag("team", "blue")), move.tagResources());
        assertEquals(List.of("env"), move.untagResources());
        StackRefactorAction rename = actions.stream().filter(x -> x.physicalResourceId().equals(bucket))
                .findFirst().orElseThrow();
        // A rename within a stack changes only the logical id tag.
        assertEquals(List.of(tag("aws:cloudformation:stack-name", a), tag("aws:cloudformation:stack-id", aId),
                tag("aws:cloudformation:logical-id", "Store")), rename.tagResources());
        assertEquals(List.of(), rename.untagResources());

        cfn.executeStackRefactor(r -> r.stackRefactorId(id));
        assertEquals("EXECUTE_COMPLETE", describe(id).executionStatusAsString(), describe(id)
                .executionStatusReason());
        Map<String, String> queueTags = sqs.listQueueTags(r -> r.queueUrl(movingUrl)).tags();
        assertEquals(b, queueTags.get("aws:cloudformation:stack-name"));
        assertEquals(bId, queueTags.get("aws:cloudformation:stack-id"));
        assertEquals("Moved", queueTags.get("aws:cloudformation:logical-id"));
        assertEquals("blue", queueTags.get("team"));
        assertEquals("mine", queueTags.get("own"));
        assertNull(queueTags.get("env"), queueTags.toString());
        Map<String, String> bucketTags = s3.getBucketTagging(r -> r.bucket(bucket)).tagSet().stream()
                .collect(Collectors.toMap(software.amazon.awssdk.services.s3.model.Tag::key,
                        software.amazon.awssdk.services.s3.model.Tag::value));
        assertEquals(Map.of("aws:cloudformation:stack-name", a, "aws:cloudformation:stack-id", aId,
                "aws:cloudformation:logical-id", "Store", "team", "red", "env", "dev"), bucketTags);
    }

    @Test
    void resourcesMoveBetweenNestedStacks() {
        String bucket = unique("refactor-nested");
        s3.createBucket(b -> b.bucket(bucket));
        s3.putObject(b -> b.bucket(bucket).key("one.json"), RequestBody.fromString("""
                {"Resources": {"First": {"Type": "AWS::SQS::Queue"},
                               "Second": {"Type": "AWS::SQS::Queue", "Properties": {"DelaySeconds": 5}}}}"""));
        s3.putObject(b -> b.bucket(bucket).key("two.json"), RequestBody.fromString("""
                {"Resources": {"Third": {"Type": "AWS::SQS::Queue"}}}"""));
        String parent = unique("refactor-parent");
        created(parent, """
                {"Resources": {
                  "One": {"Type": "AWS::CloudFormation::Stack",
                          "Properties": {"TemplateURL": "https://%1$s.s3.amazonaws.com/one.json"}},
                  "Two": {"Type": "AWS::CloudFormation::Stack",
                          "Properties": {"TemplateURL": "https://%1$s.s3.amazonaws.com/two.json"}}}}"""
                .formatted(bucket));
        String one = physicalIds(parent).get("One");
        String two = physicalIds(parent).get("Two");
        String oneName = cfn.describeStacks(r -> r.stackName(one)).stacks().get(0).stackName();
        String twoName = cfn.describeStacks(r -> r.stackName(two)).stacks().get(0).stackName();
        String second = physicalIds(one).get("Second");

        String id = cfn.createStackRefactor(r -> r.stackDefinitions(def(oneName, """
                {"Resources": {"First": {"Type": "AWS::SQS::Queue"}}}"""), def(twoName, """
                {"Resources": {"Third": {"Type": "AWS::SQS::Queue"},
                               "Second": {"Type": "AWS::SQS::Queue", "Properties": {"DelaySeconds": 5}}}}""")))
                .stackRefactorId();
        assertEquals("CREATE_COMPLETE", describe(id).statusAsString(), describe(id).statusReason());
        cfn.executeStackRefactor(r -> r.stackRefactorId(id));
        assertEquals("EXECUTE_COMPLETE", describe(id).executionStatusAsString(), describe(id)
                .executionStatusReason());
        assertEquals(List.of("First"), List.copyOf(physicalIds(one).keySet()));
        assertEquals(second, physicalIds(two).get("Second"));
        assertEquals(twoName, sqs.listQueueTags(r -> r.queueUrl(second)).tags().get("aws:cloudformation:stack-name"));

        // A nested stack itself does not move to another parent.
        String other = unique("refactor-other");
        created(other, """
                {"Resources": {"Q": {"Type": "AWS::SQS::Queue"}}}""");
        String refused = cfn.createStackRefactor(r -> r.stackDefinitions(def(parent, """
                {"Resources": {"One": {"Type": "AWS::CloudFormation::Stack",
                  "Properties": {"TemplateURL": "https://%1$s.s3.amazonaws.com/one.json"}}}}""".formatted(bucket)),
                def(other, """
                {"Resources": {"Q": {"Type": "AWS::SQS::Queue"},
                  "Two": {"Type": "AWS::CloudFormation::Stack",
                          "Properties": {"TemplateURL": "https://%1$s.s3.amazonaws.com/two.json"}}}}"""
                        .formatted(bucket)))).stackRefactorId();
        assertEquals("CREATE_FAILED", describe(refused).statusAsString());
        assertTrue(describe(refused).statusReason().contains("Two"), describe(refused).statusReason());
    }
}
