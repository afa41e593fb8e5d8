package io.gureum.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.Gureum;
import io.gureum.core.testing.AwsClients;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.resourcegroupstaggingapi.ResourceGroupsTaggingApiClient;
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.ResourceTagMapping;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * One record of every resource: resources of several services, tagged through their own APIs, are
 * listed by the Resource Groups Tagging API, and tags set through the tagging API show in each
 * service's own tag operations.
 */
class TaggingAcrossServicesIT {
    private static final String ACCOUNT = "246813579024";
    private static final String REGION = "eu-central-1";
    @org.junit.jupiter.api.extension.RegisterExtension
    static final io.gureum.junit5.GureumExtension aws = io.gureum.junit5.GureumExtension.builder().build();
    static Gureum gureum;
    static ResourceGroupsTaggingApiClient tagging;
    static SqsClient sqs;
    static SnsClient sns;
    static DynamoDbClient dynamodb;
    static S3Client s3;
    static Ec2Client ec2;
    static CloudWatchLogsClient logs;
    static IamClient iam;

    @BeforeAll
    static void start() {
        gureum = aws.gureum();
        tagging = AwsClients.client(ResourceGroupsTaggingApiClient.builder(), gureum.endpoint(), ACCOUNT, REGION);
        sqs = AwsClients.client(SqsClient.builder(), gureum.endpoint(), ACCOUNT, REGION);
        sns = AwsClients.client(SnsClient.builder(), gureum.endpoint(), ACCOUNT, REGION);
        dynamodb = AwsClients.client(DynamoDbClient.builder(), gureum.endpoint(), ACCOUNT, REGION);
        s3 = AwsClients.client(S3Client.builder().forcePathStyle(true), gureum.endpoint(), ACCOUNT, REGION);
        ec2 = AwsClients.client(Ec2Client.builder(), gureum.endpoint(), ACCOUNT, REGION);
        logs = AwsClients.client(CloudWatchLogsClient.builder(), gureum.endpoint(), ACCOUNT, REGION);
        iam = AwsClients.client(IamClient.builder(), gureum.endpoint(), ACCOUNT, "us-east-1");
    }

    @AfterAll
    static void stop() {
        tagging.close();
        sqs.close();
        sns.close();
        dynamodb.close();
        s3.close();
        ec2.close();
        logs.close();
        iam.close();
    }

    private static Map<String, Map<String, String>> listed(String key) {
        return tagging.getResources(b -> b.tagFilters(f -> f.key(key))).resourceTagMappingList().stream()
                .collect(Collectors.toMap(ResourceTagMapping::resourceARN,
                        m -> m.tags().stream().collect(Collectors.toMap(t -> t.key(), t -> t.value()))));
    }

    @Test
    void resourcesOfEveryServiceAreListedAndTaggedThroughOneRecord() {
        String queueUrl = sqs.createQueue(b -> b.queueName("orders").tags(Map.of("app", "shop"))).queueUrl();
        String topicArn = sns.createTopic(b -> b.name("orders").tags(t -> t.key("app").value("shop"))).topicArn();
        String tableArn = dynamodb.createTable(b -> b.tableName("orders").billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH))
                .tags(t -> t.key("app").value("shop"))).tableDescription().tableArn();
        s3.createBucket(b -> b.bucket("shop-orders-246813579024")
                .createBucketConfiguration(c -> c.locationConstraint(REGION)));
        s3.putBucketTagging(b -> b.bucket("shop-orders-246813579024")
                .tagging(t -> t.tagSet(s -> s.key("app").value("shop"))));
        String vpcId = ec2.createVpc(b -> b.cidrBlock("10.8.0.0/16").tagSpecifications(t -> t
                .resourceType(ResourceType.VPC).tags(g -> g.key("app").value("shop")))).vpc().vpcId();
        logs.createLogGroup(b -> b.logGroupName("/shop/orders").tags(Map.of("app", "shop")));
        String queueArn = "arn:aws:sqs:" + REGION + ":" + ACCOUNT + ":orders";
        String bucketArn = "arn:aws:s3:::shop-orders-246813579024";
        String vpcArn = "arn:aws:ec2:" + REGION + ":" + ACCOUNT + ":vpc/" + vpcId;
        String groupArn = "arn:aws:logs:" + REGION + ":" + ACCOUNT + ":log-group:/shop/orders";

        assertEquals(Set.of(queueArn, topicArn, tableArn, bucketArn, vpcArn, groupArn), listed("app").keySet());
        assertEquals(Set.of(vpcArn), tagging.getResources(b -> b.tagFilters(f -> f.key("app"))
                .resourceTypeFilters("ec2:vpc")).resourceTagMappingList().stream()
                .map(ResourceTagMapping::resourceARN).collect(Collectors.toSet()));
        assertEquals(Set.of(tableArn), tagging.getResources(b -> b.tagFilters(f -> f.key("app"))
                .resourceTypeFilters("dynamodb:table")).resourceTagMappingList().stream()
                .map(ResourceTagMapping::resourceARN).collect(Collectors.toSet()));

        var failed = tagging.tagResources(b -> b.resourceARNList(queueArn, topicArn, tableArn, bucketArn, vpcArn,
                groupArn).tags(Map.of("cost-centre", "42"))).failedResourcesMap();
        assertTrue(failed.isEmpty(), failed.toString());
        assertEquals("42", sqs.listQueueTags(b -> b.queueUrl(queueUrl)).tags().get("cost-centre"));
        assertTrue(sns.listTagsForResource(b -> b.resourceArn(topicArn)).tags().stream()
                .anyMatch(t -> t.key().equals("cost-centre") && t.value().equals("42")));
        assertTrue(dynamodb.listTagsOfResource(b -> b.resourceArn(tableArn)).tags().stream()
                .anyMatch(t -> t.key().equals("cost-centre") && t.value().equals("42")));
        assertEquals(Map.of("app", "shop", "cost-centre", "42"), s3.getBucketTagging(b -> b.bucket("shop-orders-246813579024"))
                .tagSet().stream().collect(Collectors.toMap(t -> t.key(), t -> t.value())));

        assertTrue(ec2.describeVpcs(b -> b.vpcIds(vpcId)).vpcs().get(0).tags().stream()
                .anyMatch(t -> t.key().equals("cost-centre") && t.value().equals("42")));
        assertEquals("42", logs.listTagsForResource(b -> b.resourceArn(groupArn)).tags().get("cost-centre"));

        tagging.untagResources(b -> b.resourceARNList(queueArn, bucketArn).tagKeys("cost-centre"));
        assertEquals(Set.of(topicArn, tableArn, vpcArn, groupArn), listed("cost-centre").keySet());
        assertEquals(Set.of("app", "cost-centre"), Set.copyOf(tagging.getTagKeys(b -> { }).tagKeys()));
    }

    /** IAM is global: its resources are tagged through the tagging API in us-east-1, by their own operations. */
    @Test
    void iamRolesAreTaggedThroughTagRole() {
        String roleArn = iam.createRole(b -> b.roleName("shop-app").assumeRolePolicyDocument("{\"Version\":\"2012-10-17\","
                + "\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"lambda.amazonaws.com\"},"
                + "\"Action\":\"sts:AssumeRole\"}]}")).role().arn();
        try (ResourceGroupsTaggingApiClient global = AwsClients.client(ResourceGroupsTaggingApiClient.builder(),
                gureum.endpoint(), ACCOUNT, "us-east-1")) {
            var failed = global.tagResources(b -> b.resourceARNList(roleArn).tags(Map.of("team", "payments")))
                    .failedResourcesMap();
            assertTrue(failed.isEmpty(), failed.toString());
        }
        assertEquals("payments", iam.listRoleTags(b -> b.roleName("shop-app")).tags().stream()
                .filter(t -> t.key().equals("team")).findFirst().orElseThrow().value());
        assertEquals(Map.of("team", "payments"), gureum.context().registry().tags(
                io.gureum.core.ids.Arn.parse(roleArn)));
    }
}
