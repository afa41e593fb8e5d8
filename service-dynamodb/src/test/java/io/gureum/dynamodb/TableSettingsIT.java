package io.gureum.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.*;

/** Resource policies, contributor insights, Kinesis destinations, warm throughput and table ARNs as TableName. */
class TableSettingsIT extends DynamoDbTestSupport {
    private static final String POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"AWS\":\"arn:aws:iam::222222222222:root\"},\"Action\":\"dynamodb:GetItem\",\"Resource\":\"*\"}]}";

    private static String arn(String table) {
        return ddb.describeTable(b -> b.tableName(table)).table().tableArn();
    }

    @Test
    void resourcePoliciesHaveRevisions() {
        String t = table(null, null);
        String arn = arn(t);
        PolicyNotFoundException none = assertThrows(PolicyNotFoundException.class,
                () -> ddb.getResourcePolicy(b -> b.resourceArn(arn)));
        assertEquals(400, none.statusCode());
        String rev1 = ddb.putResourcePolicy(b -> b.resourceArn(arn).policy(POLICY)).revisionId();
        GetResourcePolicyResponse got = ddb.getResourcePolicy(b -> b.resourceArn(arn));
        assertEquals(POLICY, got.policy());
        assertEquals(rev1, got.revisionId());
        assertThrows(PolicyNotFoundException.class,
                () -> ddb.putResourcePolicy(b -> b.resourceArn(arn).policy(POLICY).expectedRevisionId("123")));
        String rev2 = ddb.putResourcePolicy(b -> b.resourceArn(arn).policy(POLICY).expectedRevisionId(rev1)).revisionId();
        assertNotEquals(rev1, rev2);
        assertEquals(rev2, ddb.deleteResourcePolicy(b -> b.resourceArn(arn).expectedRevisionId(rev2)).revisionId());
        assertThrows(PolicyNotFoundException.class, () -> ddb.deleteResourcePolicy(b -> b.resourceArn(arn)));
        assertValidation("Invalid policy document: the policy is not valid JSON",
                () -> ddb.putResourcePolicy(b -> b.resourceArn(arn).policy("not json")));
        ResourceNotFoundException nf = assertThrows(ResourceNotFoundException.class,
                () -> ddb.putResourcePolicy(b -> b.resourceArn(arn.replace(t, "no-such-table")).policy(POLICY)));
        assertEquals(400, nf.statusCode());
    }

    @Test
    void contributorInsightsAreStoredPerTableAndIndex() {
        String t = table("sk", ScalarAttributeType.S);
        assertEquals(ContributorInsightsStatus.DISABLED,
                ddb.describeContributorInsights(b -> b.tableName(t)).contributorInsightsStatus());
        UpdateContributorInsightsResponse u = ddb.updateContributorInsights(b -> b.tableName(t)
                .contributorInsightsAction(ContributorInsightsAction.ENABLE));
        assertEquals(ContributorInsightsStatus.ENABLING, u.contributorInsightsStatus());
        DescribeContributorInsightsResponse d = ddb.describeContributorInsights(b -> b.tableName(t));
        assertEquals(ContributorInsightsStatus.ENABLED, d.contributorInsightsStatus());
        assertEquals(4, d.contributorInsightsRuleList().size());
        assertTrue(d.contributorInsightsRuleList().get(0).startsWith("DynamoDBContributorInsights-PKC-" + t + "-"));
        List<ContributorInsightsSummary> listed = ddb.listContributorInsights(b -> b.tableName(t)).contributorInsightsSummaries();
        assertEquals(1, listed.size());
        assertEquals(ContributorInsightsStatus.ENABLED, listed.get(0).contributorInsightsStatus());
        ddb.updateContributorInsights(b -> b.tableName(t).contributorInsightsAction(ContributorInsightsAction.DISABLE));
        assertEquals(ContributorInsightsStatus.DISABLED,
                ddb.describeContributorInsights(b -> b.tableName(t)).contributorInsightsStatus());
        assertThrows(ResourceNotFoundException.class, () -> ddb.describeContributorInsights(b -> b.tableName(t)
                .indexName("no-such-index")));
    }

    @Test
    void kinesisDestinationsNameStreamsGureumDoesNotServe() {
        String t = table(null, null);
        DescribeKinesisStreamingDestinationResponse d = ddb.describeKinesisStreamingDestination(b -> b.tableName(t));
        assertEquals(t, d.tableName());
        assertTrue(d.kinesisDataStreamDestinations().isEmpty());
        String stream = "arn:aws:kinesis:us-east-1:000000000000:stream/s1";
        ResourceNotFoundException e = assertThrows(ResourceNotFoundException.class,
                () -> ddb.enableKinesisStreamingDestination(b -> b.tableName(t).streamArn(stream)));
        assertEquals(400, e.statusCode());
        assertTrue(e.awsErrorDetails().errorMessage().contains(stream));
    }

    @Test
    void warmThroughputOnDemandLimitsAndArnsAsTableName() {
        String t = table(null, null);
        String arn = arn(t);
        TableDescription d = ddb.describeTable(b -> b.tableName(arn)).table();
        assertEquals(t, d.tableName());
        assertEquals(12000L, d.warmThroughput().readUnitsPerSecond());
        assertEquals(4000L, d.warmThroughput().writeUnitsPerSecond());
        ddb.updateTable(b -> b.tableName(arn).warmThroughput(w -> w.readUnitsPerSecond(15000L))
                .onDemandThroughput(o -> o.maxReadRequestUnits(100L)));
        d = ddb.describeTable(b -> b.tableName(t)).table();
        assertEquals(15000L, d.warmThroughput().readUnitsPerSecond());
        assertEquals(100L, d.onDemandThroughput().maxReadRequestUnits());
        ddb.putItem(b -> b.tableName(arn).item(Map.of("pk", s("a"))));
        assertTrue(ddb.getItem(b -> b.tableName(arn).key(key("a"))).hasItem());
        assertThrows(ResourceNotFoundException.class, () -> ddb.getItem(b -> b.tableName(
                arn.replace(":us-east-1:", ":eu-west-1:")).key(key("a"))));
    }
}
