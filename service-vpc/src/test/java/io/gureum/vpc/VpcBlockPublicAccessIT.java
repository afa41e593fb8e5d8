package io.gureum.vpc;

import static io.gureum.vpc.VpcsIT.filter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.NetworkInsightsAnalysis;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.model.VpcBlockPublicAccessExclusion;
import software.amazon.awssdk.services.ec2.model.VpcBlockPublicAccessOptions;

class VpcBlockPublicAccessIT extends Ec2TestBase {

    private static VpcBlockPublicAccessOptions options(Ec2Client ec2) {
        return ec2.describeVpcBlockPublicAccessOptions(b -> b.build()).vpcBlockPublicAccessOptions();
    }

    private static VpcBlockPublicAccessExclusion exclusion(Ec2Client ec2, String id) {
        return ec2.describeVpcBlockPublicAccessExclusions(b -> b.exclusionIds(id)).vpcBlockPublicAccessExclusions()
                .get(0);
    }

    @Test
    void optionsFollowTheClock() {
        String account = newAccount();
        try (Ec2Client ec2 = ec2(account, "ap-northeast-2")) {
            VpcBlockPublicAccessOptions o = options(ec2);
            assertEquals("default-state", o.stateAsString());
            assertEquals("off", o.internetGatewayBlockModeAsString());
            assertEquals(account, o.awsAccountId());
            assertEquals("ap-northeast-2", o.awsRegion());
            assertEquals("account", o.managedByAsString());
            assertEquals("allowed", o.exclusionsAllowedAsString());
            fails("DryRunOperation", 412, () -> ec2.describeVpcBlockPublicAccessOptions(b -> b.dryRun(true)));
            fails("InvalidParameterValue", () -> ec2.modifyVpcBlockPublicAccessOptions(b -> b
                    .internetGatewayBlockMode("block-everything")));
            fails("DryRunOperation", 412, () -> ec2.modifyVpcBlockPublicAccessOptions(b -> b
                    .internetGatewayBlockMode("block-bidirectional").dryRun(true)));
            assertEquals("default-state", options(ec2).stateAsString());

            o = ec2.modifyVpcBlockPublicAccessOptions(b -> b.internetGatewayBlockMode("block-bidirectional"))
                    .vpcBlockPublicAccessOptions();
            assertEquals("update-in-progress", o.stateAsString());
            assertEquals("block-bidirectional", o.internetGatewayBlockModeAsString());
            assertNotNull(o.lastUpdateTimestamp());
            advanceClock(Duration.ofSeconds(3));
            assertEquals("update-complete", options(ec2).stateAsString());
            // Each Region has its own options.
            try (Ec2Client other = ec2(account, "us-west-2")) {
                assertEquals("off", options(other).internetGatewayBlockModeAsString());
            }
        }
    }

    @Test
    void exclusions() {
        String account = newAccount();
        try (Ec2Client ec2 = ec2(account, "ap-northeast-2")) {
            String vpc = ec2.createVpc(b -> b.cidrBlock("10.0.0.0/16")).vpc().vpcId();
            String subnet = ec2.createSubnet(b -> b.vpcId(vpc).cidrBlock("10.0.1.0/24")).subnet().subnetId();
            fails("MissingParameter", () -> ec2.createVpcBlockPublicAccessExclusion(b -> b
                    .internetGatewayExclusionMode("allow-egress")));
            fails("InvalidParameterCombination", () -> ec2.createVpcBlockPublicAccessExclusion(b -> b.vpcId(vpc)
                    .subnetId(subnet).internetGatewayExclusionMode("allow-egress")));
            fails("InvalidParameterValue", () -> ec2.createVpcBlockPublicAccessExclusion(b -> b.vpcId(vpc)
                    .internetGatewayExclusionMode("allow-everything")));
            fails("InvalidVpcID.NotFound", () -> ec2.createVpcBlockPublicAccessExclusion(b -> b
                    .vpcId("vpc-00000000000000000").internetGatewayExclusionMode("allow-egress")));
            fails("InvalidSubnetID.NotFound", () -> ec2.createVpcBlockPublicAccessExclusion(b -> b
                    .subnetId("subnet-00000000000000000").internetGatewayExclusionMode("allow-egress")));
            fails("DryRunOperation", 412, () -> ec2.createVpcBlockPublicAccessExclusion(b -> b.vpcId(vpc)
                    .internetGatewayExclusionMode("allow-egress").dryRun(true)));

            VpcBlockPublicAccessExclusion e = ec2.createVpcBlockPublicAccessExclusion(b -> b.vpcId(vpc)
                    .internetGatewayExclusionMode("allow-bidirectional").tagSpecifications(TagSpecification.builder()
                            .resourceType("vpc-block-public-access-exclusion")
                            .tags(Tag.builder().key("Name").value("public").build()).build()))
                    .vpcBlockPublicAccessExclusion();
            String id = e.exclusionId();
            assertTrue(id.matches("vpcbpa-exclude-[0-9a-f]{17}"), id);
            assertEquals("create-in-progress", e.stateAsString());
            assertEquals("arn:aws:ec2:ap-northeast-2:" + account + ":vpc/" + vpc, e.resourceArn());
            assertNotNull(e.creationTimestamp());
            assertEquals("public", e.tags().get(0).value());
            // One exclusion per VPC or subnet.
            fails("InvalidParameterValue", () -> ec2.createVpcBlockPublicAccessExclusion(b -> b.vpcId(vpc)
                    .internetGatewayExclusionMode("allow-egress")));
            String onSubnet = ec2.createVpcBlockPublicAccessExclusion(b -> b.subnetId(subnet)
                    .internetGatewayExclusionMode("allow-egress")).vpcBlockPublicAccessExclusion().exclusionId();
            advanceClock(Duration.ofSeconds(3));
            assertEquals("create-complete", exclusion(ec2, id).stateAsString());

            assertEquals(List.of(onSubnet), ec2.describeVpcBlockPublicAccessExclusions(b -> b.filters(
                    filter("internet-gateway-exclusion-mode", "allow-egress"))).vpcBlockPublicAccessExclusions()
                    .stream().map(VpcBlockPublicAccessExclusion::exclusionId).toList());
            assertEquals(List.of(id), ec2.describeVpcBlockPublicAccessExclusions(b -> b.filters(filter("tag:Name",
                    "public"))).vpcBlockPublicAccessExclusions().stream().map(VpcBlockPublicAccessExclusion::exclusionId)
                    .toList());
            assertEquals(List.of(onSubnet), ec2.describeVpcBlockPublicAccessExclusions(b -> b.filters(filter(
                    "resource-arn", "arn:aws:ec2:ap-northeast-2:" + account + ":subnet/" + subnet)))
                    .vpcBlockPublicAccessExclusions().stream().map(VpcBlockPublicAccessExclusion::exclusionId).toList());
            assertEquals(2, ec2.describeVpcBlockPublicAccessExclusions(b -> b.filters(filter("state",
                    "create-complete"))).vpcBlockPublicAccessExclusions().size());
            fails("InvalidVpcBlockPublicAccessExclusionId.NotFound", () -> ec2.describeVpcBlockPublicAccessExclusions(
                    b -> b.exclusionIds("vpcbpa-exclude-00000000000000000")));
            fails("DryRunOperation", 412, () -> ec2.describeVpcBlockPublicAccessExclusions(b -> b.dryRun(true)));
            var page = ec2.describeVpcBlockPublicAccessExclusions(b -> b.maxResults(5));
            assertEquals(2, page.vpcBlockPublicAccessExclusions().size());
            assertNull(page.nextToken());

            fails("InvalidVpcBlockPublicAccessExclusionId.NotFound", () -> ec2.modifyVpcBlockPublicAccessExclusion(b -> b
                    .exclusionId("vpcbpa-exclude-00000000000000000").internetGatewayExclusionMode("allow-egress")));
            fails("DryRunOperation", 412, () -> ec2.modifyVpcBlockPublicAccessExclusion(b -> b.exclusionId(id)
                    .internetGatewayExclusionMode("allow-egress").dryRun(true)));
            VpcBlockPublicAccessExclusion m = ec2.modifyVpcBlockPublicAccessExclusion(b -> b.exclusionId(id)
                    .internetGatewayExclusionMode("allow-egress")).vpcBlockPublicAccessExclusion();
            assertEquals("update-in-progress", m.stateAsString());
            assertEquals("allow-egress", m.internetGatewayExclusionModeAsString());
            advanceClock(Duration.ofSeconds(3));
            assertEquals("update-complete", exclusion(ec2, id).stateAsString());

            fails("DryRunOperation", 412, () -> ec2.deleteVpcBlockPublicAccessExclusion(b -> b.exclusionId(id)
                    .dryRun(true)));
            VpcBlockPublicAccessExclusion d = ec2.deleteVpcBlockPublicAccessExclusion(b -> b.exclusionId(id))
                    .vpcBlockPublicAccessExclusion();
            assertEquals("delete-in-progress", d.stateAsString());
            assertNotNull(d.deletionTimestamp());
            advanceClock(Duration.ofSeconds(3));
            assertEquals("delete-complete", exclusion(ec2, id).stateAsString());
            fails("InvalidVpcBlockPublicAccessExclusionId.NotFound", () -> ec2.deleteVpcBlockPublicAccessExclusion(b -> b
                    .exclusionId(id)));
            // A deleted exclusion no longer holds its VPC, and leaves the descriptions after an hour.
            String again = ec2.createVpcBlockPublicAccessExclusion(b -> b.vpcId(vpc)
                    .internetGatewayExclusionMode("allow-egress")).vpcBlockPublicAccessExclusion().exclusionId();
            advanceClock(Duration.ofMinutes(61));
            List<String> left = ec2.describeVpcBlockPublicAccessExclusions(b -> b.build())
                    .vpcBlockPublicAccessExclusions().stream().map(VpcBlockPublicAccessExclusion::exclusionId).toList();
            assertFalse(left.contains(id), left.toString());
            assertTrue(left.contains(again), left.toString());
        }
    }

    private static NetworkInsightsAnalysis analyze(Ec2Client ec2, CourseNetworks net, String source, String destination) {
        String pathId = InsightsTestSupport.path(ec2, b -> b.source(net.id(source)).destination(net.id(destination))
                .protocol("tcp").destinationPort(443));
        return InsightsTestSupport.analyze(ec2, pathId, List.of());
    }

    private static void reachable(Ec2Client ec2, CourseNetworks net, String source, String destination) {
        NetworkInsightsAnalysis a = analyze(ec2, net, source, destination);
        assertTrue(a.networkPathFound(), () -> source + " to " + destination + ": " + a.explanations());
    }

    private static void blockedByBpa(Ec2Client ec2, CourseNetworks net, String source, String destination) {
        NetworkInsightsAnalysis a = analyze(ec2, net, source, destination);
        assertFalse(a.networkPathFound(), () -> source + " to " + destination + " should be blocked");
        assertEquals("VPC_BLOCK_PUBLIC_ACCESS_ENABLED", a.explanations().get(0).explanationCode(),
                () -> a.explanations().toString());
        assertEquals(net.id("igw"), a.explanations().get(0).internetGateway().id());
    }

    private static void mode(Ec2Client ec2, String mode) {
        ec2.modifyVpcBlockPublicAccessOptions(b -> b.internetGatewayBlockMode(mode));
        advanceClock(Duration.ofSeconds(3));
    }

    /** The Reachability Analyzer sees what BPA blocks: internet gateway paths, except for exclusions. */
    @Test
    void blocksInternetGatewayPaths() {
        try (Ec2Client ec2 = ec2()) {
            CourseNetworks net = new CourseNetworks(ec2).build();
            reachable(ec2, net, "igw", "web");
            reachable(ec2, net, "web", "igw");
            reachable(ec2, net, "app", "igw");

            // While the change is in progress, the mode in force is still the old one.
            ec2.modifyVpcBlockPublicAccessOptions(b -> b.internetGatewayBlockMode("block-bidirectional"));
            assertEquals("update-in-progress", options(ec2).stateAsString());
            advanceClock(Duration.ofSeconds(3));
            blockedByBpa(ec2, net, "igw", "web");
            blockedByBpa(ec2, net, "web", "igw");
            blockedByBpa(ec2, net, "app", "igw");

            // An egress exclusion of the public subnet lets its interfaces and its NAT gateway out, not in.
            String exclusion = ec2.createVpcBlockPublicAccessExclusion(b -> b.subnetId(net.id("pubA"))
                    .internetGatewayExclusionMode("allow-egress")).vpcBlockPublicAccessExclusion().exclusionId();
            advanceClock(Duration.ofSeconds(3));
            reachable(ec2, net, "web", "igw");
            reachable(ec2, net, "app", "igw");
            blockedByBpa(ec2, net, "igw", "web");
            ec2.modifyVpcBlockPublicAccessExclusion(b -> b.exclusionId(exclusion)
                    .internetGatewayExclusionMode("allow-bidirectional"));
            advanceClock(Duration.ofSeconds(3));
            reachable(ec2, net, "igw", "web");

            // Ingress-only: nothing comes in, and only NAT gateways go out.
            ec2.deleteVpcBlockPublicAccessExclusion(b -> b.exclusionId(exclusion));
            mode(ec2, "block-ingress");
            blockedByBpa(ec2, net, "igw", "web");
            blockedByBpa(ec2, net, "web", "igw");
            reachable(ec2, net, "app", "igw");

            mode(ec2, "off");
            reachable(ec2, net, "igw", "web");
        }
    }
}
