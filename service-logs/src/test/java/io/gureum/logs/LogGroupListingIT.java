package io.gureum.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatchlogs.model.InvalidParameterException;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroupClass;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroupField;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroupSummary;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

/** ListLogGroups, GetLogGroupFields and AssociateKmsKey/DisassociateKmsKey. */
class LogGroupListingIT extends LogsTestSupport {

    @Test
    void listLogGroupsFilters() {
        String base = unique("/list");
        logs.createLogGroup(b -> b.logGroupName(base + "/a").tags(Map.of("team", "x")));
        logs.createLogGroup(b -> b.logGroupName(base + "/b").logGroupClass(LogGroupClass.INFREQUENT_ACCESS));
        logs.createLogGroup(b -> b.logGroupName(base + "/c"));
        logs.putIndexPolicy(b -> b.logGroupIdentifier(base + "/c").policyDocument("{\"Fields\":[\"RequestId\"]}"));
        String pattern = "^" + base;
        List<LogGroupSummary> all = logs.listLogGroups(b -> b.logGroupNamePattern(pattern)).logGroups();
        assertEquals(List.of(base + "/a", base + "/b", base + "/c"),
                all.stream().map(LogGroupSummary::logGroupName).toList());
        assertEquals("arn:aws:logs:us-east-1:000000000000:log-group:" + base + "/a", all.get(0).logGroupArn());
        assertEquals(LogGroupClass.INFREQUENT_ACCESS, all.get(1).logGroupClass());
        assertEquals(List.of(base + "/b"), names(logs.listLogGroups(b -> b.logGroupNamePattern(pattern)
                .logGroupClass(LogGroupClass.INFREQUENT_ACCESS)).logGroups()));
        assertEquals(List.of(base + "/a"), names(logs.listLogGroups(b -> b.logGroupNamePattern(pattern)
                .logGroupTags(t -> t.key("team").values("x"))).logGroups()));
        assertEquals(List.of(base + "/c"), names(logs.listLogGroups(b -> b.logGroupNamePattern(pattern)
                .fieldIndexNames("RequestId")).logGroups()));
        List<String> paged = new java.util.ArrayList<>();
        String token = null;
        do {
            String t = token;
            var page = logs.listLogGroups(b -> b.logGroupNamePattern(pattern).limit(1).nextToken(t));
            paged.addAll(names(page.logGroups()));
            token = page.nextToken();
        } while (token != null);
        assertEquals(List.of(base + "/a", base + "/b", base + "/c"), paged);
        assertError(InvalidParameterException.class, "InvalidParameterException", 400, null,
                () -> logs.listLogGroups(b -> b.logGroupNamePattern("(bad)")));
        // Alternatives: a prefix or a substring.
        assertEquals(List.of(base + "/a", base + "/c"), names(logs.listLogGroups(b -> b.logGroupNamePattern(
                "^" + base + "/a|" + base.substring(1) + "/c")).logGroups()));
    }

    private static List<String> names(List<LogGroupSummary> groups) {
        return groups.stream().map(LogGroupSummary::logGroupName).toList();
    }

    @Test
    void getLogGroupFieldsCountsRecentEvents() {
        String group = groupWithStream("s");
        long t = now();
        logs.putLogEvents(b -> b.logGroupName(group).logStreamName("s").logEvents(event(t - 1000, "{\"a\":1,\"b\":2}"),
                event(t - 500, "{\"a\":3}"), event(t - 100, "plain"), event(t, "{\"a\":4}")));
        Map<String, Integer> fields = logs.getLogGroupFields(b -> b.logGroupName(group)).logGroupFields().stream()
                .collect(Collectors.toMap(LogGroupField::name, LogGroupField::percent));
        assertEquals(100, fields.get("@message"));
        assertEquals(100, fields.get("@timestamp"));
        assertEquals(75, fields.get("a"));
        assertEquals(25, fields.get("b"));
        // Centred on a time long ago: nothing.
        assertEquals(List.of(), logs.getLogGroupFields(b -> b.logGroupIdentifier(group).time(t / 1000 - 86_400))
                .logGroupFields());
    }

    @Test
    void kmsKeys() {
        String group = groupWithStream("s");
        String key = "arn:aws:kms:us-east-1:000000000000:key/1234abcd-12ab-34cd-56ef-1234567890ab";
        logs.associateKmsKey(b -> b.logGroupName(group).kmsKeyId(key));
        assertEquals(key, logs.describeLogGroups(b -> b.logGroupNamePrefix(group)).logGroups().get(0).kmsKeyId());
        logs.disassociateKmsKey(b -> b.resourceIdentifier("arn:aws:logs:us-east-1:000000000000:log-group:" + group));
        assertNull(logs.describeLogGroups(b -> b.logGroupNamePrefix(group)).logGroups().get(0).kmsKeyId());
        logs.associateKmsKey(b -> b.resourceIdentifier("arn:aws:logs:us-east-1:000000000000:query-result:*")
                .kmsKeyId(key));
        String id = logs.startQuery(b -> b.logGroupName(group).startTime(0L).endTime(now() / 1000 + 1)
                .queryString("fields @message"))
                .queryId();
        assertEquals(key, logs.getQueryResults(b -> b.queryId(id)).encryptionKey());
        logs.disassociateKmsKey(b -> b.resourceIdentifier("arn:aws:logs:us-east-1:000000000000:query-result:*"));
        assertError(InvalidParameterException.class, "InvalidParameterException", 400, null,
                () -> logs.associateKmsKey(b -> b.kmsKeyId(key)));
        assertError(ResourceNotFoundException.class, "ResourceNotFoundException", 400, null,
                () -> logs.associateKmsKey(b -> b.logGroupName(group + "-none").kmsKeyId(key)));
    }
}
