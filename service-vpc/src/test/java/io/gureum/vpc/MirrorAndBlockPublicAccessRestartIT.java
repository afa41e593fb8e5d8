package io.gureum.vpc;

import static io.gureum.vpc.VpcsIT.filter;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gureum.core.Gureum;
import io.gureum.core.GureumConfig;
import io.gureum.core.testing.AwsClients;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.model.TrafficMirrorFilter;
import software.amazon.awssdk.services.ec2.model.TrafficMirrorSession;
import software.amazon.awssdk.services.ec2.model.VpcBlockPublicAccessExclusion;

/** Traffic Mirroring and VPC Block Public Access after a restart on --data-dir (journal, then snapshot). */
class MirrorAndBlockPublicAccessRestartIT {
    private static final String ACCOUNT = "123456789012";
    private static final String REGION = "ap-northeast-2";

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
    void surviveARestart() {
        for (boolean compacting : new boolean[] {false, true}) {
            survive(compacting);
        }
    }

    private void survive(boolean compacting) {
        String target;
        String filterId;
        String rule;
        String session;
        String exclusion;
        int vni;
        try (Gureum g = start(compacting); Ec2Client ec2 = ec2(g)) {
            String vpc = ec2.createVpc(b -> b.cidrBlock("10.60.0.0/16")).vpc().vpcId();
            String subnet = ec2.createSubnet(b -> b.vpcId(vpc).cidrBlock("10.60.1.0/24")).subnet().subnetId();
            String source = ec2.createNetworkInterface(b -> b.subnetId(subnet)).networkInterface().networkInterfaceId();
            String sink = ec2.createNetworkInterface(b -> b.subnetId(subnet)).networkInterface().networkInterfaceId();
            target = ec2.createTrafficMirrorTarget(b -> b.networkInterfaceId(sink).tagSpecifications(TagSpecification
                    .builder().resourceType("traffic-mirror-target").tags(Tag.builder().key("Name").value("ids").build())
                    .build())).trafficMirrorTarget().trafficMirrorTargetId();
            filterId = ec2.createTrafficMirrorFilter(b -> b.description("all")).trafficMirrorFilter()
                    .trafficMirrorFilterId();
            ec2.modifyTrafficMirrorFilterNetworkServices(b -> b.trafficMirrorFilterId(filterId)
                    .addNetworkServicesWithStrings("amazon-dns"));
            rule = ec2.createTrafficMirrorFilterRule(b -> b.trafficMirrorFilterId(filterId).trafficDirection("egress")
                    .ruleNumber(7).ruleAction("accept").sourceCidrBlock("0.0.0.0/0").destinationCidrBlock("0.0.0.0/0"))
                    .trafficMirrorFilterRule().trafficMirrorFilterRuleId();
            TrafficMirrorSession x = ec2.createTrafficMirrorSession(b -> b.networkInterfaceId(source)
                    .trafficMirrorTargetId(target).trafficMirrorFilterId(filterId).sessionNumber(3).packetLength(64))
                    .trafficMirrorSession();
            session = x.trafficMirrorSessionId();
            vni = x.virtualNetworkId();
            exclusion = ec2.createVpcBlockPublicAccessExclusion(b -> b.subnetId(subnet)
                    .internetGatewayExclusionMode("allow-egress")).vpcBlockPublicAccessExclusion().exclusionId();
            ec2.modifyVpcBlockPublicAccessOptions(b -> b.internetGatewayBlockMode("block-ingress"));
        }
        try (Gureum g = start(false); Ec2Client ec2 = ec2(g)) {
            assertEquals("ids", ec2.describeTrafficMirrorTargets(b -> b.trafficMirrorTargetIds(target))
                    .trafficMirrorTargets().get(0).tags().get(0).value());
            TrafficMirrorFilter f = ec2.describeTrafficMirrorFilters(b -> b.trafficMirrorFilterIds(filterId))
                    .trafficMirrorFilters().get(0);
            assertEquals("all", f.description());
            assertEquals("amazon-dns", f.networkServicesAsStrings().get(0));
            assertEquals(rule, f.egressFilterRules().get(0).trafficMirrorFilterRuleId());
            TrafficMirrorSession x = ec2.describeTrafficMirrorSessions(b -> b.filters(filter("traffic-mirror-session-id",
                    session))).trafficMirrorSessions().get(0);
            assertEquals(vni, x.virtualNetworkId());
            assertEquals(64, x.packetLength());
            assertEquals(3, x.sessionNumber());
            g.context().clock().advance(Duration.ofSeconds(3));
            VpcBlockPublicAccessExclusion e = ec2.describeVpcBlockPublicAccessExclusions(b -> b.exclusionIds(exclusion))
                    .vpcBlockPublicAccessExclusions().get(0);
            assertEquals("allow-egress", e.internetGatewayExclusionModeAsString());
            assertEquals("create-complete", e.stateAsString());
            var o = ec2.describeVpcBlockPublicAccessOptions(b -> b.build()).vpcBlockPublicAccessOptions();
            assertEquals("block-ingress", o.internetGatewayBlockModeAsString());
            assertEquals("update-complete", o.stateAsString());
            // Still in use after the restart, and deletable in order.
            ec2.deleteTrafficMirrorSession(b -> b.trafficMirrorSessionId(session));
            ec2.deleteTrafficMirrorTarget(b -> b.trafficMirrorTargetId(target));
            ec2.deleteTrafficMirrorFilter(b -> b.trafficMirrorFilterId(filterId));
            ec2.deleteVpcBlockPublicAccessExclusion(b -> b.exclusionId(exclusion));
            ec2.modifyVpcBlockPublicAccessOptions(b -> b.internetGatewayBlockMode("off"));
        }
        try (Gureum g = start(false); Ec2Client ec2 = ec2(g)) {
            assertEquals(0, ec2.describeTrafficMirrorSessions(b -> b.build()).trafficMirrorSessions().size());
            assertEquals(0, ec2.describeTrafficMirrorFilters(b -> b.build()).trafficMirrorFilters().size());
            assertEquals("off", ec2.describeVpcBlockPublicAccessOptions(b -> b.build()).vpcBlockPublicAccessOptions()
                    .internetGatewayBlockModeAsString());
        }
    }
}
