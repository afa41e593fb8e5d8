package io.gureum.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeLogGroupsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.InvalidParameterException;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroup;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroupClass;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

class LogGroupsIT extends LogsTestSupport {

    private static LogGroup describeOne(String name) {
        List<LogGroup> found = logs.describeLogGroups(b -> b.logGroupNamePrefix(name)).logGroups();
        assertEquals(1, found.size(), found.toString());
        return found.get(0);
    }

    @Test
    void createLogGroupRoundTripsAndDescribesAsAws() {
        String name = unique("/aws/lambda/fn");
        long before = now();
        logs.createLogGroup(b -> b.logGroupName(name));
        LogGroup g = describeOne(name);
        assertEquals(name, g.logGroupName());
        assertTrue(g.creationTime() >= before && g.creationTime() <= now(), g.toString());
        assertEquals("arn:aws:logs:us-east-1:000000000000:log-group:" + name + ":*", g.arn());
        assertEquals("arn:aws:logs:us-east-1:000000000000:log-group:" + name, g.logGroupArn());
        assertEquals(0, g.metricFilterCount());
        assertEquals(0L, g.storedBytes());
        assertEquals(LogGroupClass.STANDARD, g.logGroupClass());
        assertNull(g.retentionInDays());
    }

    @Test
    void createLogGroupTwiceIsResourceAlreadyExists() {
        String name = unique("dup");
        logs.createLogGroup(b -> b.logGroupName(name));
        assertError(ResourceAlreadyExistsException.class, "ResourceAlreadyExistsException", 400,
                "The specified log group already exists", () -> logs.createLogGroup(b -> b.logGroupName(name)));
    }

    @Test
    void createLogGroupValidatesTheName() {
        assertError(InvalidParameterException.class, "InvalidParameterException", 400,
                "1 validation error detected: Value 'bad:name' at 'logGroupName' failed to satisfy constraint: "
                        + "Member must satisfy regular expression pattern: [\\.\\-_/#A-Za-z0-9]+",
                () -> logs.createLogGroup(b -> b.logGroupName("bad:name")));
        String tooLong = "a".repeat(513);
        assertError(InvalidParameterException.class, "InvalidParameterException", 400,
                "1 validation error detected: Value '" + tooLong + "' at 'logGroupName' failed to satisfy constraint: "
                        + "Member must have length less than or equal to 512",
                () -> logs.createLogGroup(b -> b.logGroupName(tooLong)));
        logs.createLogGroup(b -> b.logGroupName("a".repeat(512)));
        logs.deleteLogGroup(b -> b.logGroupName("a".repeat(512)));
    }

    @Test
    void createLogGroupWithTagsAndClass() {
        String name = unique("tagged");
        logs.createLogGroup(b -> b.logGroupName(name).tags(Map.of("team", "core"))
                .logGroupClass(LogGroupClass.INFREQUENT_ACCESS));
        assertEquals(Map.of("team", "core"), logs.listTagsLogGroup(b -> b.logGroupName(name)).tags());
        assertEquals(LogGroupClass.INFREQUENT_ACCESS, describeOne(name).logGroupClass());
        assertEquals(List.of(), logs.describeLogGroups(b -> b.logGroupNamePrefix(name)
                .logGroupClass(LogGroupClass.STANDARD)).logGroups());
    }

    @Test
    void deleteLogGroupRemovesItAndAMissingOneIsNotFound() {
        String name = unique("gone");
        logs.createLogGroup(b -> b.logGroupName(name));
        logs.deleteLogGroup(b -> b.logGroupName(name));
        assertEquals(List.of(), logs.describeLogGroups(b -> b.logGroupNamePrefix(name)).logGroups());
        assertError(ResourceNotFoundException.class, "ResourceNotFoundException", 400,
                "The specified log group does not exist.", () -> logs.deleteLogGroup(b -> b.logGroupName(name)));
    }

    @Test
    void describeLogGroupsPagesInNameOrder() {
        String prefix = unique("/page");
        for (int i = 4; i >= 0; i--) {
            String n = prefix + "/g" + i;
            logs.createLogGroup(b -> b.logGroupName(n));
        }
        List<String> seen = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String t = token;
            DescribeLogGroupsResponse page = logs.describeLogGroups(b -> b.logGroupNamePrefix(prefix).limit(2).nextToken(t));
            page.logGroups().forEach(g -> seen.add(g.logGroupName()));
            token = page.nextToken();
            pages++;
        } while (token != null);
        assertEquals(3, pages);
        assertEquals(List.of(prefix + "/g0", prefix + "/g1", prefix + "/g2", prefix + "/g3", prefix + "/g4"), seen);
        // The SDK's paginator follows the same tokens.
        assertEquals(5, logs.describeLogGroupsPaginator(b -> b.logGroupNamePrefix(prefix).limit(1)).logGroups()
                .stream().count());
    }

    @Test
    void describeLogGroupsValidatesLimitTokenAndExclusiveFilters() {
        assertError(InvalidParameterException.class, "InvalidParameterException", 400,
                "1 validation error detected: Value '51' at 'limit' failed to satisfy constraint: "
                        + "Member must have value less than or equal to 50",
                () -> logs.describeLogGroups(b -> b.limit(51)));
        assertError(InvalidParameterException.class, "InvalidParameterException", 400,
                "The specified nextToken is invalid.", () -> logs.describeLogGroups(b -> b.nextToken("garbage!")));
        assertError(InvalidParameterException.class, "InvalidParameterException", 400, null,
                () -> logs.describeLogGroups(b -> b.logGroupNamePrefix("a").logGroupNamePattern("b")));
    }

    @Test
    void describeLogGroupsByCaseSensitivePatternReturnsOnlyNameArnAndCreationTime() {
        String marker = "Pat" + unique("x").substring(2);
        logs.createLogGroup(b -> b.logGroupName("/one/" + marker + "/a"));
        logs.createLogGroup(b -> b.logGroupName("/two/" + marker.toLowerCase() + "/b"));
        logs.putRetentionPolicy(b -> b.logGroupName("/one/" + marker + "/a").retentionInDays(7));
        List<LogGroup> found = logs.describeLogGroups(b -> b.logGroupNamePattern(marker)).logGroups();
        assertEquals(1, found.size());
        LogGroup g = found.get(0);
        assertEquals("/one/" + marker + "/a", g.logGroupName());
        assertNotNull(g.arn());
        assertNotNull(g.creationTime());
        assertNull(g.retentionInDays());
        assertNull(g.storedBytes());
    }

    @Test
    void retentionPolicyIsSetShownAndDeleted() {
        String name = unique("ret");
        logs.createLogGroup(b -> b.logGroupName(name));
        logs.putRetentionPolicy(b -> b.logGroupName(name).retentionInDays(3653));
        assertEquals(3653, describeOne(name).retentionInDays());
        logs.deleteRetentionPolicy(b -> b.logGroupName(name));
        assertNull(describeOne(name).retentionInDays());
    }

    @Test
    void retentionPolicyAcceptsOnlyAwsValues() {
        String name = unique("ret");
        logs.createLogGroup(b -> b.logGroupName(name));
        assertError(InvalidParameterException.class, "InvalidParameterException", 400,
                "Invalid retention value. Valid values are: [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, "
                        + "731, 1096, 1827, 2192, 2557, 2922, 3288, 3653]",
                () -> logs.putRetentionPolicy(b -> b.logGroupName(name).retentionInDays(2)));
        assertError(ResourceNotFoundException.class, "ResourceNotFoundException", 400,
                "The specified log group does not exist.",
                () -> logs.putRetentionPolicy(b -> b.logGroupName(unique("none")).retentionInDays(1)));
        assertError(ResourceNotFoundException.class, "ResourceNotFoundException", 400,
                "The specified log group does not exist.",
                () -> logs.deleteRetentionPolicy(b -> b.logGroupName(unique("none"))));
    }

    @Test
    void groupsAreKeptPerRegion() {
        String name = unique("regional");
        logs.createLogGroup(b -> b.logGroupName(name));
        try (var west = io.gureum.core.testing.AwsClients.client(
                software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient.builder(), gureum.endpoint(),
                "test", "eu-west-1")) {
            assertEquals(List.of(), west.describeLogGroups(b -> b.logGroupNamePrefix(name)).logGroups());
            west.createLogGroup(b -> b.logGroupName(name));
            assertEquals("arn:aws:logs:eu-west-1:000000000000:log-group:" + name,
                    west.describeLogGroups(b -> b.logGroupNamePrefix(name)).logGroups().get(0).logGroupArn());
        }
    }

    @Test
    void operationsNotEmulatedAnswer501() {
        software.amazon.awssdk.awscore.exception.AwsServiceException e = org.junit.jupiter.api.Assertions.assertThrows(
                software.amazon.awssdk.awscore.exception.AwsServiceException.class,
                () -> logs.describeImportTasks(b -> { }));
        assertEquals(501, e.statusCode());
        assertEquals("NotImplemented", e.awsErrorDetails().errorCode());
    }
}
