package io.gureum.vpc;

import static io.gureum.vpc.VpcsIT.filter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.Gureum;
import io.gureum.core.GureumConfig;
import io.gureum.core.testing.AwsClients;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.FlowLog;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/** Flow logs found again after a restart on the same --data-dir, journal replayed and from a snapshot. */
class FlowLogsRestartIT {
    private static final String ACCOUNT = "123456789012";
    private static final String REGION = "ap-northeast-2";
    private static final String ROLE = "arn:aws:iam::123456789012:role/flow-logs";

    @TempDir
    Path dataDir;

    private Gureum start(boolean compacting) {
        if (compacting) {
            System.setProperty("gureum.compactBytes", "1");
        }
        try {
            return Gureum.start(GureumConfig.builder().port(0).dataDir(dataDir).build());
        } finally {
            System.clearProperty("gureum.compactBytes");
        }
    }

    private static Ec2Client ec2(Gureum g) {
        return AwsClients.client(Ec2Client.builder(), g.endpoint(), ACCOUNT, REGION);
    }

    @Test
    void flowLogsSurviveRestarts() {
        String vpc;
        String kept;
        String gone;
        FlowLog before;
        try (Gureum g = start(false); Ec2Client ec2 = ec2(g)) {
            vpc = ec2.createVpc(b -> b.cidrBlock("10.9.0.0/16")).vpc().vpcId();
            kept = ec2.createFlowLogs(b -> b.clientToken("t1").resourceType("VPC").resourceIds(vpc)
                    .trafficType("ALL").logDestinationType("s3").logDestination("arn:aws:s3:::b/p")
                    .logFormat("${version} ${vpc-id}").maxAggregationInterval(60)
                    .destinationOptions(o -> o.hiveCompatiblePartitions(true))
                    .tagSpecifications(TagSpecification.builder().resourceType("vpc-flow-log")
                            .tags(Tag.builder().key("Name").value("kept").build()).build())).flowLogIds().get(0);
            gone = ec2.createFlowLogs(b -> b.resourceType("VPC").resourceIds(vpc).trafficType("REJECT")
                    .logGroupName("g").deliverLogsPermissionArn(ROLE)).flowLogIds().get(0);
            ec2.deleteFlowLogs(b -> b.flowLogIds(gone));
            before = ec2.describeFlowLogs(b -> b.flowLogIds(kept)).flowLogs().get(0);
        }
        for (boolean compacting : new boolean[] {false, true}) {
            try (Gureum g = start(compacting); Ec2Client ec2 = ec2(g)) {
                List<FlowLog> all = ec2.describeFlowLogs(b -> { }).flowLogs();
                assertEquals(List.of(before), all);
                assertEquals(List.of(kept), ec2.describeFlowLogs(b -> b.filter(filter("tag:Name", "kept")))
                        .flowLogs().stream().map(FlowLog::flowLogId).toList());
                assertEquals("kept", ec2.describeTags(b -> b.filters(filter("resource-id", kept))).tags().get(0)
                        .value());
                // The client token still answers with the same flow log.
                assertEquals(List.of(kept), ec2.createFlowLogs(b -> b.clientToken("t1").resourceType("VPC")
                        .resourceIds(vpc).trafficType("ALL").logDestinationType("s3")
                        .logDestination("arn:aws:s3:::b/p").logFormat("${version} ${vpc-id}")
                        .maxAggregationInterval(60).destinationOptions(o -> o.hiveCompatiblePartitions(true))
                        .tagSpecifications(TagSpecification.builder().resourceType("vpc-flow-log")
                                .tags(Tag.builder().key("Name").value("kept").build()).build())).flowLogIds());
                assertTrue(ec2.deleteFlowLogs(b -> b.flowLogIds(gone)).unsuccessful().size() == 1);
            }
        }
    }
}
