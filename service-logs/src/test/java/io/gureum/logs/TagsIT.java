package io.gureum.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatchlogs.model.InvalidParameterException;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cloudwatchlogs.model.TooManyTagsException;

class TagsIT extends LogsTestSupport {

    @Test
    void tagResourceByArn() {
        String group = unique("tags");
        logs.createLogGroup(b -> b.logGroupName(group));
        String arn = logs.describeLogGroups(b -> b.logGroupNamePrefix(group)).logGroups().get(0).logGroupArn();
        logs.tagResource(b -> b.resourceArn(arn).tags(Map.of("a", "1", "b", "2")));
        logs.tagResource(b -> b.resourceArn(arn).tags(Map.of("a", "10")));
        assertEquals(Map.of("a", "10", "b", "2"), logs.listTagsForResource(b -> b.resourceArn(arn)).tags());
        logs.untagResource(b -> b.resourceArn(arn).tagKeys("b", "missing"));
        assertEquals(Map.of("a", "10"), logs.listTagsForResource(b -> b.resourceArn(arn)).tags());
        // The legacy operations see the same tags.
        assertEquals(Map.of("a", "10"), logs.listTagsLogGroup(b -> b.logGroupName(group)).tags());
    }

    @Test
    void legacyTagLogGroupOperations() {
        String group = unique("legacy");
        logs.createLogGroup(b -> b.logGroupName(group));
        logs.tagLogGroup(b -> b.logGroupName(group).tags(Map.of("x", "1", "y", "2")));
        logs.untagLogGroup(b -> b.logGroupName(group).tags("x"));
        assertEquals(Map.of("y", "2"), logs.listTagsLogGroup(b -> b.logGroupName(group)).tags());
        assertError(ResourceNotFoundException.class, "ResourceNotFoundException", 400,
                "The specified log group does not exist.",
                () -> logs.listTagsLogGroup(b -> b.logGroupName(unique("none"))));
    }

    @Test
    void tagErrors() {
        String group = unique("tagerr");
        logs.createLogGroup(b -> b.logGroupName(group));
        String arn = "arn:aws:logs:us-east-1:000000000000:log-group:" + group;
        assertError(ResourceNotFoundException.class, "ResourceNotFoundException", 400, null,
                () -> logs.listTagsForResource(b -> b.resourceArn(arn + "-missing")));
        assertError(InvalidParameterException.class, "InvalidParameterException", 400, null,
                () -> logs.listTagsForResource(b -> b.resourceArn("not-an-arn")));
        Map<String, String> fifty = new HashMap<>();
        for (int i = 0; i < 50; i++) {
            fifty.put("k" + i, "v");
        }
        logs.tagResource(b -> b.resourceArn(arn).tags(fifty));
        assertError(TooManyTagsException.class, "TooManyTagsException", 400, null,
                () -> logs.tagResource(b -> b.resourceArn(arn).tags(Map.of("one-more", "v"))));
        assertEquals(50, logs.listTagsForResource(b -> b.resourceArn(arn)).tags().size());
        logs.untagResource(b -> b.resourceArn(arn).tagKeys(List.copyOf(fifty.keySet())));
        assertEquals(Map.of(), logs.listTagsForResource(b -> b.resourceArn(arn)).tags());
    }

    /** Terraform reads back the tags of every taggable Logs resource by ARN. */
    @Test
    void otherResourcesAreTaggedByArn() {
        String dest = unique("dest");
        String destArn = logs.putDestination(b -> b.destinationName(dest).targetArn("arn:aws:kinesis:us-east-1:000000000000:stream/s")
                .roleArn("arn:aws:iam::000000000000:role/r").tags(java.util.Map.of("a", "1"))).destination().arn();
        assertEquals(java.util.Map.of("a", "1"), logs.listTagsForResource(b -> b.resourceArn(destArn)).tags());
        logs.tagResource(b -> b.resourceArn(destArn).tags(java.util.Map.of("b", "2")));
        logs.untagResource(b -> b.resourceArn(destArn).tagKeys("a"));
        assertEquals(java.util.Map.of("b", "2"), logs.listTagsForResource(b -> b.resourceArn(destArn)).tags());

        String table = unique("t").replace('-', '_');
        String tableArn = logs.createLookupTable(b -> b.lookupTableName(table).tableBody("k,v\n").tags(java.util.Map.of("x", "y")))
                .lookupTableArn();
        assertEquals(java.util.Map.of("x", "y"), logs.listTagsForResource(b -> b.resourceArn(tableArn)).tags());

        String group = groupWithStream("s");
        String detector = logs.createLogAnomalyDetector(b -> b.logGroupArnList(
                "arn:aws:logs:us-east-1:000000000000:log-group:" + group)).anomalyDetectorArn();
        logs.tagResource(b -> b.resourceArn(detector).tags(java.util.Map.of("k", "v")));
        assertEquals(java.util.Map.of("k", "v"), logs.listTagsForResource(b -> b.resourceArn(detector)).tags());

        assertError(software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException.class,
                "ResourceNotFoundException", 400, null, () -> logs.listTagsForResource(
                        b -> b.resourceArn("arn:aws:logs:us-east-1:000000000000:destination:none")));
    }
}
