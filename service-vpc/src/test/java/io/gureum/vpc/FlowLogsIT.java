package io.gureum.vpc;

import static io.gureum.vpc.VpcsIT.filter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.CreateFlowLogsResponse;
import software.amazon.awssdk.services.ec2.model.FlowLog;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

class FlowLogsIT extends Ec2TestBase {
    private static final String ROLE = "arn:aws:iam::123456789012:role/flow-logs";

    private static String vpc(Ec2Client ec2) {
        return ec2.createVpc(b -> b.cidrBlock("10.1.0.0/16")).vpc().vpcId();
    }

    @Test
    void cloudWatchLogsFlowLogIsDescribedWithTheDefaultFormat() {
        try (Ec2Client ec2 = ec2()) {
            String vpc = vpc(ec2);
            CreateFlowLogsResponse created = ec2.createFlowLogs(b -> b.resourceType("VPC").resourceIds(vpc)
                    .trafficType("ALL").logGroupName("flows").deliverLogsPermissionArn(ROLE)
                    .tagSpecifications(TagSpecification.builder().resourceType("vpc-flow-log")
                            .tags(Tag.builder().key("team").value("net").build()).build()));
            assertTrue(created.unsuccessful().isEmpty());
            assertEquals(1, created.flowLogIds().size());
            String id = created.flowLogIds().get(0);
            assertTrue(id.startsWith("fl-"), id);
            FlowLog f = ec2.describeFlowLogs(b -> b.flowLogIds(id)).flowLogs().get(0);
            assertEquals(vpc, f.resourceId());
            assertEquals("ALL", f.trafficTypeAsString());
            assertEquals("cloud-watch-logs", f.logDestinationTypeAsString());
            assertEquals("flows", f.logGroupName());
            assertTrue(f.logDestination().matches("arn:aws:logs:ap-northeast-2:\\d{12}:log-group:flows"),
                    f.logDestination());
            assertEquals(ROLE, f.deliverLogsPermissionArn());
            assertEquals("SUCCESS", f.deliverLogsStatus());
            assertEquals("ACTIVE", f.flowLogStatus());
            assertEquals(600, f.maxAggregationInterval());
            assertEquals(FlowLogFormat.DEFAULT, f.logFormat());
            assertEquals(List.of(Tag.builder().key("team").value("net").build()), f.tags());
            assertTrue(f.creationTime() != null);
            assertNull(f.destinationOptions());
            // Tagged through CreateTags/DescribeTags like any EC2 resource.
            ec2.createTags(b -> b.resources(id).tags(Tag.builder().key("more").value("x").build()));
            assertEquals(2, ec2.describeTags(b -> b.filters(filter("resource-id", id))).tags().size());
            assertEquals("vpc-flow-log", ec2.describeTags(b -> b.filters(filter("resource-id", id))).tags().get(0)
                    .resourceTypeAsString());
        }
    }

    @Test
    void s3DestinationWithOptionsAndCustomFormat() {
        try (Ec2Client ec2 = ec2()) {
            String vpc = vpc(ec2);
            String subnet = ec2.createSubnet(b -> b.vpcId(vpc).cidrBlock("10.1.1.0/24")).subnet().subnetId();
            String format = "${version} ${vpc-id} ${subnet-id} ${srcaddr} ${dstaddr} ${action}";
            String id = ec2.createFlowLogs(b -> b.resourceType("Subnet").resourceIds(subnet).trafficType("REJECT")
                    .logDestinationType("s3").logDestination("arn:aws:s3:::my-bucket/flows").logFormat(format)
                    .maxAggregationInterval(60)
                    .destinationOptions(o -> o.fileFormat("parquet").perHourPartition(true))).flowLogIds().get(0);
            FlowLog f = ec2.describeFlowLogs(b -> b.flowLogIds(id)).flowLogs().get(0);
            assertEquals("s3", f.logDestinationTypeAsString());
            assertEquals("arn:aws:s3:::my-bucket/flows", f.logDestination());
            assertNull(f.logGroupName());
            assertEquals(format, f.logFormat());
            assertEquals(60, f.maxAggregationInterval());
            assertEquals("parquet", f.destinationOptions().fileFormatAsString());
            assertTrue(f.destinationOptions().perHourPartition());
            assertFalse(f.destinationOptions().hiveCompatiblePartitions());
        }
    }

    @Test
    void networkInterfaceByLogDestinationArn() {
        try (Ec2Client ec2 = ec2()) {
            String vpc = vpc(ec2);
            String subnet = ec2.createSubnet(b -> b.vpcId(vpc).cidrBlock("10.1.1.0/24")).subnet().subnetId();
            String eni = ec2.createNetworkInterface(b -> b.subnetId(subnet)).networkInterface().networkInterfaceId();
            String arn = "arn:aws:logs:ap-northeast-2:123456789012:log-group:eni-flows";
            String id = ec2.createFlowLogs(b -> b.resourceType("NetworkInterface").resourceIds(eni)
                    .trafficType("ACCEPT").logDestination(arn).deliverLogsPermissionArn(ROLE)).flowLogIds().get(0);
            FlowLog f = ec2.describeFlowLogs(b -> b.flowLogIds(id)).flowLogs().get(0);
            assertEquals("eni-flows", f.logGroupName());
            assertEquals(arn, f.logDestination());
        }
    }

    @Test
    void unknownAndDuplicateResourcesAreUnsuccessfulItems() {
        try (Ec2Client ec2 = ec2()) {
            String vpc = vpc(ec2);
            CreateFlowLogsResponse r = ec2.createFlowLogs(b -> b.resourceType("VPC")
                    .resourceIds(vpc, "vpc-0123456789abcdef0").trafficType("ALL").logGroupName("g")
                    .deliverLogsPermissionArn(ROLE));
            assertEquals(1, r.flowLogIds().size());
            assertEquals(1, r.unsuccessful().size());
            assertEquals("vpc-0123456789abcdef0", r.unsuccessful().get(0).resourceId());
            assertEquals("InvalidVpcID.NotFound", r.unsuccessful().get(0).error().code());
            CreateFlowLogsResponse again = ec2.createFlowLogs(b -> b.resourceType("VPC").resourceIds(vpc)
                    .trafficType("ALL").logGroupName("g").deliverLogsPermissionArn(ROLE));
            assertTrue(again.flowLogIds().isEmpty());
            assertEquals("FlowLogAlreadyExists", again.unsuccessful().get(0).error().code());
            // Another traffic type to the same group is another flow log.
            assertEquals(1, ec2.createFlowLogs(b -> b.resourceType("VPC").resourceIds(vpc).trafficType("REJECT")
                    .logGroupName("g").deliverLogsPermissionArn(ROLE)).flowLogIds().size());
        }
    }

    @Test
    void validationErrors() {
        try (Ec2Client ec2 = ec2()) {
            String vpc = vpc(ec2);
            fails("MissingParameter", () -> ec2.createFlowLogs(b -> b.resourceType("VPC").resourceIds(vpc)
                    .logGroupName("g").deliverLogsPermissionArn(ROLE)));
            fails("MissingParameter", () -> ec2.createFlowLogs(b -> b.resourceType("VPC").resourceIds(vpc)
                    .trafficType("ALL").logGroupName("g")));
            fails("MissingParameter", () -> ec2.createFlowLogs(b -> b.resourceType("VPC").resourceIds(vpc)
                    .trafficType("ALL").deliverLogsPermissionArn(ROLE)));
            fails("InvalidParameterCombination", () -> ec2.createFlowLogs(b -> b.resourceType("VPC")
                    .resourceIds(vpc).trafficType("ALL").logGroupName("g")
                    .logDestination("arn:aws:logs:ap-northeast-2:123456789012:log-group:g")
                    .deliverLogsPermissionArn(ROLE)));
            fails("InvalidParameterValue", () -> ec2.createFlowLogs(b -> b.resourceType("VPC").resourceIds(vpc)
                    .trafficType("ALL").logGroupName("g").deliverLogsPermissionArn(ROLE).maxAggregationInterval(120)));
            fails("InvalidParameterValue", () -> ec2.createFlowLogs(b -> b.resourceType("VPC").resourceIds(vpc)
                    .trafficType("SOME").logGroupName("g").deliverLogsPermissionArn(ROLE)));
            fails("InvalidParameter", () -> ec2.createFlowLogs(b -> b.resourceType("VPC").resourceIds(vpc)
                    .trafficType("ALL").logGroupName("g").deliverLogsPermissionArn(ROLE)
                    .logFormat("${version} ${no-such-field}")));
            fails("InvalidParameter", () -> ec2.createFlowLogs(b -> b.resourceType("Subnet").resourceIds(vpc)
                    .trafficType("ALL").logGroupName("g").deliverLogsPermissionArn(ROLE)));
            fails("InvalidParameterValue", () -> ec2.createFlowLogs(b -> b.resourceType("VPC").resourceIds(vpc)
                    .trafficType("ALL").logDestinationType("s3").logDestination("my-bucket")));
            fails("MissingParameter", () -> ec2.createFlowLogs(b -> b.resourceType("VPC").resourceIds(vpc)
                    .trafficType("ALL").logDestinationType("s3")));
            List<String> many = new ArrayList<>();
            for (int i = 0; i < 1001; i++) {
                many.add(String.format("vpc-%017x", i));
            }
            fails("InvalidParameter", () -> ec2.createFlowLogs(b -> b.resourceType("VPC").resourceIds(many)
                    .trafficType("ALL").logGroupName("g").deliverLogsPermissionArn(ROLE)));
            fails("InvalidParameterValue", () -> ec2.createFlowLogs(b -> b.resourceType("VPC").resourceIds(vpc)
                    .trafficType("ALL").logGroupName("g").deliverLogsPermissionArn(ROLE)
                    .tagSpecifications(TagSpecification.builder().resourceType("vpc").build())));
            assertTrue(ec2.describeFlowLogs(b -> { }).flowLogs().isEmpty(), "nothing was created");
        }
    }

    @Test
    void transitGatewayFlowLogs() {
        try (Ec2Client ec2 = ec2()) {
            String tgw = ec2.createTransitGateway(b -> { }).transitGateway().transitGatewayId();
            fails("InvalidParameter", () -> ec2.createFlowLogs(b -> b.resourceType("TransitGateway").resourceIds(tgw)
                    .trafficType("ALL").logDestinationType("s3").logDestination("arn:aws:s3:::b")));
            fails("InvalidParameter", () -> ec2.createFlowLogs(b -> b.resourceType("TransitGateway").resourceIds(tgw)
                    .maxAggregationInterval(600).logDestinationType("s3").logDestination("arn:aws:s3:::b")));
            String id = ec2.createFlowLogs(b -> b.resourceType("TransitGateway").resourceIds(tgw)
                    .logDestinationType("s3").logDestination("arn:aws:s3:::b")).flowLogIds().get(0);
            FlowLog f = ec2.describeFlowLogs(b -> b.flowLogIds(id)).flowLogs().get(0);
            assertEquals(60, f.maxAggregationInterval());
            assertNull(f.trafficType());
            assertEquals(FlowLogFormat.TRANSIT_GATEWAY_DEFAULT, f.logFormat());
        }
    }

    @Test
    void clientTokenMakesCreateIdempotent() {
        try (Ec2Client ec2 = ec2()) {
            String vpc = vpc(ec2);
            CreateFlowLogsResponse first = ec2.createFlowLogs(b -> b.clientToken("tok").resourceType("VPC")
                    .resourceIds(vpc).trafficType("ALL").logGroupName("g").deliverLogsPermissionArn(ROLE));
            CreateFlowLogsResponse retry = ec2.createFlowLogs(b -> b.clientToken("tok").resourceType("VPC")
                    .resourceIds(vpc).trafficType("ALL").logGroupName("g").deliverLogsPermissionArn(ROLE));
            assertEquals(first.flowLogIds(), retry.flowLogIds());
            assertEquals("tok", retry.clientToken());
            assertEquals(1, ec2.describeFlowLogs(b -> { }).flowLogs().size());
            fails("IdempotentParameterMismatch", () -> ec2.createFlowLogs(b -> b.clientToken("tok")
                    .resourceType("VPC").resourceIds(vpc).trafficType("REJECT").logGroupName("g")
                    .deliverLogsPermissionArn(ROLE)));
        }
    }

    @Test
    void dryRunCreatesAndDeletesNothing() {
        try (Ec2Client ec2 = ec2()) {
            String vpc = vpc(ec2);
            fails("DryRunOperation", 412, () -> ec2.createFlowLogs(b -> b.dryRun(true).resourceType("VPC")
                    .resourceIds(vpc).trafficType("ALL").logGroupName("g").deliverLogsPermissionArn(ROLE)));
            assertTrue(ec2.describeFlowLogs(b -> { }).flowLogs().isEmpty());
            String id = ec2.createFlowLogs(b -> b.resourceType("VPC").resourceIds(vpc).trafficType("ALL")
                    .logGroupName("g").deliverLogsPermissionArn(ROLE)).flowLogIds().get(0);
            fails("DryRunOperation", 412, () -> ec2.deleteFlowLogs(b -> b.dryRun(true).flowLogIds(id)));
            fails("DryRunOperation", 412, () -> ec2.describeFlowLogs(b -> b.dryRun(true)));
            assertEquals(1, ec2.describeFlowLogs(b -> { }).flowLogs().size());
        }
    }

    @Test
    void describeFiltersPagesAndDelete() {
        try (Ec2Client ec2 = ec2()) {
            List<String> vpcs = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                vpcs.add(vpc(ec2));
            }
            List<String> ids = ec2.createFlowLogs(b -> b.resourceType("VPC").resourceIds(vpcs).trafficType("ALL")
                    .logGroupName("g1").deliverLogsPermissionArn(ROLE)).flowLogIds();
            String s3 = ec2.createFlowLogs(b -> b.resourceType("VPC").resourceIds(vpcs.get(0)).trafficType("REJECT")
                    .logDestinationType("s3").logDestination("arn:aws:s3:::b")).flowLogIds().get(0);
            assertEquals(4, ec2.describeFlowLogs(b -> { }).flowLogs().size());
            assertEquals(2, ec2.describeFlowLogs(b -> b.filter(filter("resource-id", vpcs.get(0)))).flowLogs().size());
            assertEquals(List.of(s3), ec2.describeFlowLogs(b -> b.filter(filter("log-destination-type", "s3")))
                    .flowLogs().stream().map(FlowLog::flowLogId).toList());
            assertEquals(List.of(s3), ec2.describeFlowLogs(b -> b.filter(filter("traffic-type", "REJECT")))
                    .flowLogs().stream().map(FlowLog::flowLogId).toList());
            assertEquals(ids, ec2.describeFlowLogs(b -> b.filter(filter("log-group-name", "g1")))
                    .flowLogs().stream().map(FlowLog::flowLogId).toList());
            assertEquals(4, ec2.describeFlowLogs(b -> b.filter(filter("deliver-log-status", "SUCCESS"))).flowLogs()
                    .size());
            assertEquals(List.of(ids.get(1)), ec2.describeFlowLogs(b -> b.filter(filter("flow-log-id", ids.get(1))))
                    .flowLogs().stream().map(FlowLog::flowLogId).toList());
            ec2.createTags(b -> b.resources(s3).tags(Tag.builder().key("k").value("v").build()));
            assertEquals(List.of(s3), ec2.describeFlowLogs(b -> b.filter(filter("tag:k", "v")))
                    .flowLogs().stream().map(FlowLog::flowLogId).toList());
            assertTrue(ec2.describeFlowLogs(b -> b.flowLogIds("fl-0123456789abcdef0")).flowLogs().isEmpty());

            var page1 = ec2.describeFlowLogs(b -> b.maxResults(3));
            assertEquals(3, page1.flowLogs().size());
            var page2 = ec2.describeFlowLogs(b -> b.maxResults(3).nextToken(page1.nextToken()));
            assertEquals(1, page2.flowLogs().size());
            assertNull(page2.nextToken());

            var deleted = ec2.deleteFlowLogs(b -> b.flowLogIds(ids.get(0), "fl-0123456789abcdef0"));
            assertEquals(1, deleted.unsuccessful().size());
            assertEquals("InvalidFlowLogId.NotFound", deleted.unsuccessful().get(0).error().code());
            assertEquals("fl-0123456789abcdef0", deleted.unsuccessful().get(0).resourceId());
            assertEquals(3, ec2.describeFlowLogs(b -> { }).flowLogs().size());
            fails("MissingParameter", () -> ec2.deleteFlowLogs(b -> { }));
            fails("InvalidID", () -> ec2.createTags(
                    b -> b.resources(ids.get(0)).tags(Tag.builder().key("k").value("v").build())));
        }
    }
}
