package io.gureum.cloudformation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.testing.AwsClients;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.DescribeResourceScanResponse;
import software.amazon.awssdk.services.cloudformation.model.ListResourceScanResourcesResponse;
import software.amazon.awssdk.services.cloudformation.model.ScannedResource;
import software.amazon.awssdk.services.cloudformation.model.ScannedResourceIdentifier;

class ResourceScansIT extends CloudFormationTestSupport {

    private static void finish() {
        gureum.context().clock().advance(ResourceScans.SCAN_TIME.plusSeconds(1));
    }

    private static ScannedResource find(List<ScannedResource> resources, String type, String value) {
        return resources.stream().filter(r -> r.resourceType().equals(type)
                && r.resourceIdentifier().containsValue(value)).findFirst().orElse(null);
    }

    @Test
    void aScanListsTheRegionsResourcesAndWhichAStackManages() {
        String stack = unique("scan");
        String dlq = unique("scan-dlq");
        String main = unique("scan-main");
        cfn.createStack(b -> b.stackName(stack).templateBody("""
                {"Resources": {
                  "Dlq": {"Type": "AWS::SQS::Queue", "Properties": {"QueueName": "%s"}},
                  "Main": {"Type": "AWS::SQS::Queue", "Properties": {"QueueName": "%s",
                    "RedrivePolicy": {"deadLetterTargetArn": {"Fn::GetAtt": ["Dlq", "Arn"]}, "maxReceiveCount": 3}}}
                }}""".formatted(dlq, main)));
        assertEquals("CREATE_COMPLETE", settle(stack).stackStatusAsString());
        String loose = unique("scan-loose");
        String looseUrl = sqs.createQueue(b -> b.queueName(loose).tags(Map.of("team", "blue"))).queueUrl();
        String bucket = unique("scan-bucket");
        s3.createBucket(b -> b.bucket(bucket));

        String id = cfn.startResourceScan(b -> b.clientRequestToken("tok-1")).resourceScanId();
        assertTrue(id.matches("arn:aws:cloudformation:[a-z0-9-]+:\\d{12}:resourceScan/[0-9a-f-]{36}"), id);
        // A retry with the same token is the same scan; another start is refused while it runs.
        assertEquals(id, cfn.startResourceScan(b -> b.clientRequestToken("tok-1")).resourceScanId());
        fails(400, "ResourceScanInProgress", () -> cfn.startResourceScan(b -> { }));
        DescribeResourceScanResponse running = cfn.describeResourceScan(b -> b.resourceScanId(id));
        assertEquals("IN_PROGRESS", running.statusAsString());
        assertNull(running.endTime());
        fails(400, "ResourceScanInProgress", () -> cfn.listResourceScanResources(b -> b.resourceScanId(id)));

        finish();
        DescribeResourceScanResponse done = cfn.describeResourceScan(b -> b.resourceScanId(id));
        assertEquals("COMPLETE", done.statusAsString());
        assertEquals(100.0, done.percentageCompleted());
        assertNotNull(done.endTime());
        assertTrue(done.resourceTypes().contains("AWS::SQS::Queue"));
        assertTrue(done.resourcesScanned() >= 4, String.valueOf(done.resourcesScanned()));
        assertEquals(id, cfn.listResourceScans(b -> { }).resourceScanSummaries().get(0).resourceScanId());
        assertEquals("FULL", cfn.listResourceScans(b -> { }).resourceScanSummaries().get(0).scanTypeAsString());

        List<ScannedResource> all = cfn.listResourceScanResources(b -> b.resourceScanId(id)).resources();
        ScannedResource managed = find(all, "AWS::SQS::Queue",
                cfn.describeStackResource(b -> b.stackName(stack).logicalResourceId("Main"))
                        .stackResourceDetail().physicalResourceId());
        assertNotNull(managed, all.toString());
        assertTrue(managed.managedByStack());
        assertFalse(find(all, "AWS::SQS::Queue", looseUrl).managedByStack());
        assertEquals(Map.of("BucketName", bucket), find(all, "AWS::S3::Bucket", bucket).resourceIdentifier());

        // Filters: type prefix, identifier, tag key and value; paging.
        List<ScannedResource> queues = cfn.listResourceScanResources(b -> b.resourceScanId(id)
                .resourceTypePrefix("AWS::SQS::")).resources();
        assertTrue(queues.stream().allMatch(r -> r.resourceType().equals("AWS::SQS::Queue")));
        assertEquals(List.of(looseUrl), cfn.listResourceScanResources(b -> b.resourceScanId(id)
                .resourceIdentifier(looseUrl)).resources().stream()
                .map(r -> r.resourceIdentifier().get("QueueUrl")).toList());
        assertEquals(1, cfn.listResourceScanResources(b -> b.resourceScanId(id).tagKey("team").tagValue("blue"))
                .resources().size());
        assertEquals(0, cfn.listResourceScanResources(b -> b.resourceScanId(id).tagKey("team").tagValue("red"))
                .resources().size());
        ListResourceScanResourcesResponse first = cfn.listResourceScanResources(b -> b.resourceScanId(id)
                .maxResults(1));
        assertEquals(1, first.resources().size());
        assertNotNull(first.nextToken());
        ListResourceScanResourcesResponse second = cfn.listResourceScanResources(b -> b.resourceScanId(id)
                .maxResults(1).nextToken(first.nextToken()));
        assertEquals(all.get(1), second.resources().get(0));
        fails(400, "ValidationError", () -> cfn.listResourceScanResources(b -> b.resourceScanId(id).maxResults(101)));

        // The main queue's redrive policy names the dead-letter queue: they are related, both ways.
        String dlqUrl = cfn.describeStackResource(b -> b.stackName(stack).logicalResourceId("Dlq"))
                .stackResourceDetail().physicalResourceId();
        List<ScannedResource> related = cfn.listResourceScanRelatedResources(b -> b.resourceScanId(id)
                .resources(ScannedResourceIdentifier.builder().resourceType("AWS::SQS::Queue")
                        .resourceIdentifier(managed.resourceIdentifier()).build())).relatedResources();
        assertEquals(List.of(Map.of("QueueUrl", dlqUrl)), related.stream().map(ScannedResource::resourceIdentifier)
                .toList());
        assertEquals(List.of(managed), cfn.listResourceScanRelatedResources(b -> b.resourceScanId(id)
                .resources(ScannedResourceIdentifier.builder().resourceType("AWS::SQS::Queue")
                        .resourceIdentifier(Map.of("QueueUrl", dlqUrl)).build())).relatedResources());
    }

    @Test
    void aPartialScanTakesTheFilteredTypesOnly() {
        String bucket = unique("scan-partial");
        s3.createBucket(b -> b.bucket(bucket));
        String id = cfn.startResourceScan(b -> b.scanFilters(f -> f.types("AWS::S3::*"))).resourceScanId();
        finish();
        DescribeResourceScanResponse done = cfn.describeResourceScan(b -> b.resourceScanId(id));
        assertTrue(done.resourceTypes().stream().allMatch(t -> t.startsWith("AWS::S3::")), done.resourceTypes()
                .toString());
        assertEquals(List.of("AWS::S3::*"), done.scanFilters().get(0).types());
        List<ScannedResource> found = cfn.listResourceScanResources(b -> b.resourceScanId(id)).resources();
        assertTrue(found.stream().allMatch(r -> r.resourceType().startsWith("AWS::S3::")));
        assertNotNull(find(found, "AWS::S3::Bucket", bucket));
        assertTrue(cfn.listResourceScans(b -> b.scanTypeFilter("PARTIAL")).resourceScanSummaries().stream()
                .anyMatch(s -> s.resourceScanId().equals(id) && s.scanTypeAsString().equals("PARTIAL")));
        assertTrue(cfn.listResourceScans(b -> { }).resourceScanSummaries().stream()
                .noneMatch(s -> s.resourceScanId().equals(id)));
    }

    @Test
    void anUnknownScanIsNotFound() {
        String missing = "arn:aws:cloudformation:us-east-1:000000000000:resourceScan/"
                + "00000000-0000-0000-0000-000000000000";
        fails(400, "ResourceScanNotFound", () -> cfn.describeResourceScan(b -> b.resourceScanId(missing)));
        fails(400, "ResourceScanNotFound", () -> cfn.listResourceScanResources(b -> b.resourceScanId(missing)));
        fails(400, "ResourceScanNotFound", () -> cfn.listResourceScanRelatedResources(b -> b.resourceScanId(missing)
                .resources(ScannedResourceIdentifier.builder().resourceType("AWS::SQS::Queue")
                        .resourceIdentifier(Map.of("QueueUrl", "x")).build())));
    }

    @Test
    void theEleventhScanOfADayExceedsTheQuota() {
        // Another Region, so the other tests' scans do not count against this quota.
        try (CloudFormationClient west = AwsClients.client(CloudFormationClient.builder(), gureum.endpoint(), "test",
                "eu-west-3")) {
            for (int i = 0; i < ResourceScans.SCANS_PER_DAY; i++) {
                assertNotNull(west.startResourceScan(b -> { }).resourceScanId());
                finish();
            }
            AwsServiceException e = fails(400, "ResourceScanLimitExceeded", () -> west.startResourceScan(b -> { }));
            assertTrue(e.awsErrorDetails().errorMessage().contains("daily quota of 10 resource scans"),
                    e.getMessage());
            // A retry of a finished scan's token is a new scan, so it is refused too.
            fails(400, "ResourceScanLimitExceeded", () -> west.startResourceScan(b -> b.clientRequestToken("t")));
            assertEquals(10, west.listResourceScans(b -> { }).resourceScanSummaries().size());
            // A day after the first scan started, one more may start.
            // (The scans started SCAN_TIME + 1 s apart; now is 10 such steps after the first.)
            gureum.context().clock().advance(Duration.ofDays(1).minus(ResourceScans.SCAN_TIME.plusSeconds(1)
                    .multipliedBy(ResourceScans.SCANS_PER_DAY)).plusSeconds(1));
            String id = west.startResourceScan(b -> { }).resourceScanId();
            assertEquals("IN_PROGRESS", west.describeResourceScan(b -> b.resourceScanId(id)).statusAsString());
            finish();
        }
    }
}
