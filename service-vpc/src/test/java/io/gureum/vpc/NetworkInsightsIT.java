package io.gureum.vpc;

import static io.gureum.vpc.VpcsIT.filter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Explanation;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.NetworkInsightsAnalysis;
import software.amazon.awssdk.services.ec2.model.NetworkInsightsPath;
import software.amazon.awssdk.services.ec2.model.PathComponent;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/** The Reachability Analyzer operations one by one: shapes, filters, pagination, tags and errors. */
class NetworkInsightsIT extends Ec2TestBase {

    /** Two interfaces in two subnets of a new VPC; the second admits TCP 443 from the VPC. */
    record Pair(String vpc, String subnet, String subnet2, String eni1, String eni2, String sg2) {
    }

    static Pair pair(Ec2Client ec2) {
        String vpc = ec2.createVpc(b -> b.cidrBlock("10.5.0.0/16")).vpc().vpcId();
        String s1 = ec2.createSubnet(b -> b.vpcId(vpc).cidrBlock("10.5.1.0/24")).subnet().subnetId();
        String s2 = ec2.createSubnet(b -> b.vpcId(vpc).cidrBlock("10.5.2.0/24")).subnet().subnetId();
        String sg1 = ec2.createSecurityGroup(b -> b.vpcId(vpc).groupName("one").description("one")).groupId();
        String sg2 = ec2.createSecurityGroup(b -> b.vpcId(vpc).groupName("two").description("two")).groupId();
        ec2.authorizeSecurityGroupIngress(b -> b.groupId(sg2).ipPermissions(IpPermission.builder().ipProtocol("tcp")
                .fromPort(443).toPort(443).ipRanges(IpRange.builder().cidrIp("10.5.0.0/16").build()).build()));
        String e1 = ec2.createNetworkInterface(b -> b.subnetId(s1).groups(sg1)).networkInterface().networkInterfaceId();
        String e2 = ec2.createNetworkInterface(b -> b.subnetId(s2).groups(sg2)).networkInterface().networkInterfaceId();
        return new Pair(vpc, s1, s2, e1, e2, sg2);
    }

    @Test
    void createAndDescribePaths() {
        try (Ec2Client ec2 = ec2()) {
            Pair p = pair(ec2);
            NetworkInsightsPath path = ec2.createNetworkInsightsPath(b -> b.source(p.eni1()).destination(p.eni2())
                    .protocol("tcp").destinationPort(443).tagSpecifications(TagSpecification.builder()
                            .resourceType(ResourceType.NETWORK_INSIGHTS_PATH).tags(Tag.builder().key("team").value("net")
                                    .build()).build())).networkInsightsPath();
            assertTrue(path.networkInsightsPathId().matches("nip-[0-9a-f]{17}"), path.networkInsightsPathId());
            assertTrue(path.networkInsightsPathArn().endsWith(":network-insights-path/" + path.networkInsightsPathId()));
            assertEquals(p.eni1(), path.source());
            assertEquals(p.eni2(), path.destination());
            assertTrue(path.sourceArn().endsWith(":network-interface/" + p.eni1()));
            assertEquals("tcp", path.protocolAsString());
            assertEquals(443, path.destinationPort());
            assertEquals(List.of(Tag.builder().key("team").value("net").build()), path.tags());
            assertNotNull(path.createdDate());

            String other = ec2.createNetworkInsightsPath(b -> b.source(p.eni2()).destination(p.eni1()).protocol("udp"))
                    .networkInsightsPath().networkInsightsPathId();
            String third = ec2.createNetworkInsightsPath(b -> b.source(p.eni2()).destinationIp("10.5.1.99")
                    .protocol("tcp").filterAtSource(f -> f.destinationPortRange(r -> r.fromPort(80).toPort(90))))
                    .networkInsightsPath().networkInsightsPathId();

            assertEquals(Set.of(path.networkInsightsPathId()), ids(ec2.describeNetworkInsightsPaths(b -> b
                    .filters(filter("protocol", "tcp"), filter("source", p.eni1()))).networkInsightsPaths()));
            assertEquals(Set.of(other, third), ids(ec2.describeNetworkInsightsPaths(b -> b
                    .filters(filter("source", p.eni2()))).networkInsightsPaths()));
            assertEquals(Set.of(third), ids(ec2.describeNetworkInsightsPaths(b -> b
                    .filters(filter("filter-at-source.destination-port-range", "80-90"))).networkInsightsPaths()));
            assertEquals(Set.of(path.networkInsightsPathId()), ids(ec2.describeNetworkInsightsPaths(b -> b
                    .filters(filter("tag:team", "net"))).networkInsightsPaths()));
            assertEquals(Set.of(other), ids(ec2.describeNetworkInsightsPaths(b -> b.networkInsightsPathIds(other))
                    .networkInsightsPaths()));

            // Pagination: MaxResults 1..100.
            var page1 = ec2.describeNetworkInsightsPaths(b -> b.maxResults(2));
            assertEquals(2, page1.networkInsightsPaths().size());
            var page2 = ec2.describeNetworkInsightsPaths(b -> b.maxResults(2).nextToken(page1.nextToken()));
            assertEquals(1, page2.networkInsightsPaths().size());
            assertNull(page2.nextToken());
            fails("InvalidParameterValue", () -> ec2.describeNetworkInsightsPaths(b -> b.maxResults(101)));

            fails("InvalidNetworkInsightsPathId.NotFound", () -> ec2.describeNetworkInsightsPaths(b -> b
                    .networkInsightsPathIds("nip-0123456789abcdef0")));
            fails("InvalidParameterValue", () -> ec2.describeNetworkInsightsPaths(b -> b.filters(filter("nope", "x"))));
        }
    }

    @Test
    void createPathErrors() {
        try (Ec2Client ec2 = ec2()) {
            Pair p = pair(ec2);
            fails("DryRunOperation", 412, () -> ec2.createNetworkInsightsPath(b -> b.source(p.eni1())
                    .destination(p.eni2()).protocol("tcp").dryRun(true)));
            fails("InvalidNetworkInterfaceID.NotFound", () -> ec2.createNetworkInsightsPath(b -> b
                    .source("eni-0123456789abcdef0").destination(p.eni2()).protocol("tcp")));
            fails("InvalidInternetGatewayID.NotFound", () -> ec2.createNetworkInsightsPath(b -> b.source(p.eni1())
                    .destination("igw-0123456789abcdef0").protocol("tcp")));
            fails("InvalidInstanceID.NotFound", () -> ec2.createNetworkInsightsPath(b -> b.source("i-0123456789abcdef0")
                    .destination(p.eni2()).protocol("tcp")));
            fails("InvalidParameterCombination", () -> ec2.createNetworkInsightsPath(b -> b.source(p.eni1())
                    .destination(p.eni2()).protocol("tcp").destinationPort(443)
                    .filterAtSource(f -> f.sourceAddress("10.5.1.5"))));
            fails("InvalidParameterCombination", () -> ec2.createNetworkInsightsPath(b -> b.source(p.eni1())
                    .destinationIp("10.5.2.9").protocol("tcp").filterAtDestination(f -> f.sourceAddress("10.5.1.5"))));
            fails("MissingParameter", () -> ec2.createNetworkInsightsPath(b -> b.source(p.eni1()).protocol("tcp")));
            fails("InvalidParameterValue", () -> ec2.createNetworkInsightsPath(b -> b.source(p.eni1())
                    .destination(p.eni2()).protocol("tcp").tagSpecifications(TagSpecification.builder()
                            .resourceType(ResourceType.VPC).tags(Tag.builder().key("k").value("v").build()).build())));
            // An ARN names the resource as well as its ID, in the account the ARN gives.
            String owner = ec2.describeNetworkInterfaces(b -> b.networkInterfaceIds(p.eni2())).networkInterfaces().get(0)
                    .ownerId();
            assertEquals(p.eni2(), ec2.createNetworkInsightsPath(b -> b.source(p.eni1())
                    .destination("arn:aws:ec2:ap-northeast-2:" + owner + ":network-interface/" + p.eni2()).protocol("tcp"))
                    .networkInsightsPath().destination());
            fails("InvalidNetworkInterfaceID.NotFound", () -> ec2.createNetworkInsightsPath(b -> b.source(p.eni1())
                    .destination("arn:aws:ec2:ap-northeast-2:123456789012:network-interface/" + p.eni2()).protocol("tcp")));
        }
    }

    @Test
    void analysisRunsOnTheClockAndReportsThePath() {
        try (Ec2Client ec2 = ec2()) {
            Pair p = pair(ec2);
            String path = InsightsTestSupport.path(ec2, b -> b.source(p.eni1()).destination(p.eni2()).protocol("tcp")
                    .destinationPort(443));
            NetworkInsightsAnalysis started = ec2.startNetworkInsightsAnalysis(b -> b.networkInsightsPathId(path)
                    .tagSpecifications(TagSpecification.builder().resourceType(ResourceType.NETWORK_INSIGHTS_ANALYSIS)
                            .tags(Tag.builder().key("run").value("1").build()).build()))
                    .networkInsightsAnalysis();
            assertTrue(started.networkInsightsAnalysisId().matches("nia-[0-9a-f]{17}"));
            assertEquals("running", started.statusAsString());
            assertNull(started.networkPathFound());
            assertEquals(path, started.networkInsightsPathId());
            advanceClock(Duration.ofSeconds(3));
            NetworkInsightsAnalysis done = ec2.describeNetworkInsightsAnalyses(b -> b.networkInsightsPathId(path))
                    .networkInsightsAnalyses().get(0);
            assertEquals("succeeded", done.statusAsString());
            assertTrue(done.networkPathFound());
            assertEquals("1", done.tags().get(0).value());

            List<PathComponent> fwd = done.forwardPathComponents();
            assertEquals(p.eni1(), fwd.get(0).component().id());
            assertEquals(List.of(address(ec2, p.eni2())),
                    fwd.get(0).outboundHeader().destinationAddresses());
            assertEquals(443, fwd.get(0).outboundHeader().destinationPortRanges().get(0).from());
            assertEquals("egress", fwd.get(1).securityGroupRule().direction());
            assertTrue(fwd.stream().anyMatch(c -> c.aclRule() != null && c.aclRule().egress()));
            assertTrue(fwd.stream().anyMatch(c -> c.routeTableRoute() != null
                    && "local".equals(c.routeTableRoute().gatewayId())));
            PathComponent ingress = fwd.get(fwd.size() - 2);
            assertEquals(p.sg2(), ingress.securityGroupRule().securityGroupId());
            assertEquals("ingress", ingress.securityGroupRule().direction());
            assertEquals(443, ingress.securityGroupRule().portRange().from());
            assertEquals(p.eni2(), fwd.get(fwd.size() - 1).component().id());
            assertEquals(p.subnet2(), fwd.get(fwd.size() - 1).subnet().id());
            assertEquals(p.vpc(), fwd.get(fwd.size() - 1).vpc().id());
            assertEquals(p.eni2(), done.returnPathComponents().get(0).component().id());
            assertEquals(p.eni1(), done.returnPathComponents().get(done.returnPathComponents().size() - 1)
                    .component().id());

            assertEquals(1, ec2.describeNetworkInsightsAnalyses(b -> b.filters(filter("status", "succeeded")))
                    .networkInsightsAnalyses().size());
            assertEquals(1, ec2.describeNetworkInsightsAnalyses(b -> b.filters(filter("path-found", "true")))
                    .networkInsightsAnalyses().size());
            assertEquals(0, ec2.describeNetworkInsightsAnalyses(b -> b.filters(filter("path-found", "false")))
                    .networkInsightsAnalyses().size());
        }
    }

    @Test
    void explanationNamesTheComponent() {
        try (Ec2Client ec2 = ec2()) {
            Pair p = pair(ec2);
            String path = InsightsTestSupport.path(ec2, b -> b.source(p.eni1()).destination(p.eni2()).protocol("tcp")
                    .destinationPort(22));
            NetworkInsightsAnalysis a = InsightsTestSupport.analyze(ec2, path, List.of());
            assertFalse(a.networkPathFound());
            Explanation e = a.explanations().get(0);
            assertEquals("ENI_SG_RULES_MISMATCH", e.explanationCode());
            assertEquals("ingress", e.direction());
            assertEquals(p.eni2(), e.networkInterface().id());
            assertEquals(List.of(p.sg2()), e.securityGroups().stream().map(g -> g.id()).toList());
            assertEquals(p.subnet2(), e.subnet().id());
            assertEquals(p.vpc(), e.vpc().id());
            assertTrue(a.forwardPathComponents().isEmpty());

            // The network is evaluated when the analysis runs: opening the port finds the path.
            ec2.authorizeSecurityGroupIngress(b -> b.groupId(p.sg2()).ipPermissions(IpPermission.builder()
                    .ipProtocol("tcp").fromPort(22).toPort(22).ipRanges(IpRange.builder().cidrIp("10.5.1.0/24").build())
                    .build()));
            assertTrue(InsightsTestSupport.analyze(ec2, path, List.of()).networkPathFound());

            // A network ACL deny rule is named with its rule.
            String acl = ec2.createNetworkAcl(b -> b.vpcId(p.vpc())).networkAcl().networkAclId();
            String assoc = ec2.describeNetworkAcls(b -> b.filters(filter("association.subnet-id", p.subnet2())))
                    .networkAcls().get(0).associations().stream().filter(x -> x.subnetId().equals(p.subnet2()))
                    .findFirst().orElseThrow().networkAclAssociationId();
            ec2.replaceNetworkAclAssociation(b -> b.associationId(assoc).networkAclId(acl));
            Explanation denied = InsightsTestSupport.analyze(ec2, path, List.of()).explanations().get(0);
            assertEquals("SUBNET_ACL_RESTRICTION", denied.explanationCode());
            assertEquals(acl, denied.acl().id());
            assertEquals("ingress", denied.direction());
            assertEquals(32767, denied.aclRule().ruleNumber());
            assertEquals("deny", denied.aclRule().ruleAction());
        }
    }

    @Test
    void natGatewayMustBeAvailable() {
        try (Ec2Client ec2 = ec2()) {
            String vpc = ec2.createVpc(b -> b.cidrBlock("10.6.0.0/16")).vpc().vpcId();
            String igw = ec2.createInternetGateway().internetGateway().internetGatewayId();
            ec2.attachInternetGateway(b -> b.internetGatewayId(igw).vpcId(vpc));
            String pub = ec2.createSubnet(b -> b.vpcId(vpc).cidrBlock("10.6.0.0/24")).subnet().subnetId();
            String priv = ec2.createSubnet(b -> b.vpcId(vpc).cidrBlock("10.6.1.0/24")).subnet().subnetId();
            String pubRt = ec2.createRouteTable(b -> b.vpcId(vpc)).routeTable().routeTableId();
            ec2.associateRouteTable(b -> b.routeTableId(pubRt).subnetId(pub));
            ec2.createRoute(b -> b.routeTableId(pubRt).destinationCidrBlock("0.0.0.0/0").gatewayId(igw));
            String alloc = ec2.allocateAddress().allocationId();
            String nat = ec2.createNatGateway(b -> b.subnetId(pub).allocationId(alloc)).natGateway().natGatewayId();
            String privRt = ec2.createRouteTable(b -> b.vpcId(vpc)).routeTable().routeTableId();
            ec2.associateRouteTable(b -> b.routeTableId(privRt).subnetId(priv));
            ec2.createRoute(b -> b.routeTableId(privRt).destinationCidrBlock("0.0.0.0/0").natGatewayId(nat));
            String eni = ec2.createNetworkInterface(b -> b.subnetId(priv)).networkInterface().networkInterfaceId();
            String path = InsightsTestSupport.path(ec2, b -> b.source(eni).destination(igw).protocol("tcp")
                    .destinationPort(443));
            Explanation pending = InsightsTestSupport.analyze(ec2, path, List.of()).explanations().get(0);
            assertEquals("BAD_STATE", pending.explanationCode());
            assertEquals(nat, pending.natGateway().id());
            assertEquals("pending", pending.state());
            advanceClock(Duration.ofSeconds(61));
            NetworkInsightsAnalysis ok = InsightsTestSupport.analyze(ec2, path, List.of());
            assertTrue(ok.networkPathFound());
            PathComponent natHop = ok.forwardPathComponents().stream().filter(c -> nat.equals(c.component().id()))
                    .findFirst().orElseThrow();
            String natIp = ec2.describeNatGateways(b -> b.natGatewayIds(nat)).natGateways().get(0).natGatewayAddresses()
                    .get(0).privateIp();
            assertEquals(List.of(natIp), natHop.outboundHeader().sourceAddresses(), "NAT translates the source");
            // A path to the NAT gateway itself ends there.
            String toNat = InsightsTestSupport.path(ec2, b -> b.source(eni).destination(nat).protocol("tcp"));
            assertTrue(InsightsTestSupport.analyze(ec2, toNat, List.of()).networkPathFound());
        }
    }

    @Test
    void instancesAreAnalyzedThroughTheirPrimaryInterface() {
        try (Ec2Client ec2 = ec2()) {
            Pair p = pair(ec2);
            // What service-ec2 does at RunInstances (ADR 0009): the instance's interface at device index 0.
            String instance = "i-0a1b2c3d4e5f60718";
            ec2.attachNetworkInterface(b -> b.networkInterfaceId(p.eni1()).instanceId(instance).deviceIndex(0));
            NetworkInsightsPath path = ec2.createNetworkInsightsPath(b -> b.source(instance).destination(p.eni2())
                    .protocol("tcp").destinationPort(443)).networkInsightsPath();
            assertTrue(path.sourceArn().endsWith(":instance/" + instance), path.sourceArn());
            NetworkInsightsAnalysis a = InsightsTestSupport.analyze(ec2, path.networkInsightsPathId(), List.of());
            assertTrue(a.networkPathFound());
            assertEquals(instance, a.forwardPathComponents().get(0).component().id());
            assertEquals(p.eni1(), a.forwardPathComponents().get(1).component().id());
            assertEquals(instance, a.returnPathComponents().get(a.returnPathComponents().size() - 1).component().id());
        }
    }

    @Test
    void deleteAndErrors() {
        try (Ec2Client ec2 = ec2()) {
            Pair p = pair(ec2);
            String path = InsightsTestSupport.path(ec2, b -> b.source(p.eni1()).destination(p.eni2()).protocol("tcp"));
            fails("InvalidNetworkInsightsPathId.NotFound", () -> ec2.startNetworkInsightsAnalysis(b -> b
                    .networkInsightsPathId("nip-0123456789abcdef0")));
            fails("DryRunOperation", 412, () -> ec2.startNetworkInsightsAnalysis(b -> b.networkInsightsPathId(path)
                    .dryRun(true)));
            String analysis = ec2.startNetworkInsightsAnalysis(b -> b.networkInsightsPathId(path))
                    .networkInsightsAnalysis().networkInsightsAnalysisId();
            fails("AnalysisExistsForNetworkInsightsPath", () -> ec2.deleteNetworkInsightsPath(b -> b
                    .networkInsightsPathId(path)));
            fails("InvalidNetworkInsightsAnalysisId.NotFound", () -> ec2.describeNetworkInsightsAnalyses(b -> b
                    .networkInsightsAnalysisIds("nia-0123456789abcdef0")));
            fails("InvalidNetworkInsightsAnalysisId.NotFound", () -> ec2.deleteNetworkInsightsAnalysis(b -> b
                    .networkInsightsAnalysisId("nia-0123456789abcdef0")));
            fails("DryRunOperation", 412, () -> ec2.deleteNetworkInsightsAnalysis(b -> b.networkInsightsAnalysisId(analysis)
                    .dryRun(true)));
            assertEquals(analysis, ec2.deleteNetworkInsightsAnalysis(b -> b.networkInsightsAnalysisId(analysis))
                    .networkInsightsAnalysisId());
            fails("DryRunOperation", 412, () -> ec2.deleteNetworkInsightsPath(b -> b.networkInsightsPathId(path)
                    .dryRun(true)));
            assertEquals(path, ec2.deleteNetworkInsightsPath(b -> b.networkInsightsPathId(path)).networkInsightsPathId());
            fails("InvalidNetworkInsightsPathId.NotFound", () -> ec2.deleteNetworkInsightsPath(b -> b
                    .networkInsightsPathId(path)));
            assertTrue(ec2.describeNetworkInsightsPaths(b -> { }).networkInsightsPaths().isEmpty());
            assertTrue(ec2.describeNetworkInsightsAnalyses(b -> { }).networkInsightsAnalyses().isEmpty());
        }
    }

    @Test
    void tagsThroughTheRegistry() {
        try (Ec2Client ec2 = ec2()) {
            Pair p = pair(ec2);
            String path = InsightsTestSupport.path(ec2, b -> b.source(p.eni1()).destination(p.eni2()).protocol("tcp"));
            String analysis = ec2.startNetworkInsightsAnalysis(b -> b.networkInsightsPathId(path))
                    .networkInsightsAnalysis().networkInsightsAnalysisId();
            // ClientToken: the same token starts no second analysis.
            String once = ec2.startNetworkInsightsAnalysis(b -> b.networkInsightsPathId(path).clientToken("tok-1"))
                    .networkInsightsAnalysis().networkInsightsAnalysisId();
            assertEquals(once, ec2.startNetworkInsightsAnalysis(b -> b.networkInsightsPathId(path).clientToken("tok-1"))
                    .networkInsightsAnalysis().networkInsightsAnalysisId());
            assertEquals(2, ec2.describeNetworkInsightsAnalyses(b -> b.networkInsightsPathId(path))
                    .networkInsightsAnalyses().size());
            ec2.createTags(b -> b.resources(path, analysis).tags(Tag.builder().key("env").value("lab").build()));
            assertEquals("lab", ec2.describeNetworkInsightsPaths(b -> b.networkInsightsPathIds(path))
                    .networkInsightsPaths().get(0).tags().get(0).value());
            assertEquals(1, ec2.describeNetworkInsightsAnalyses(b -> b.filters(filter("tag:env", "lab")))
                    .networkInsightsAnalyses().size());
            var described = ec2.describeTags(b -> b.filters(filter("key", "env"))).tags();
            assertEquals(Set.of("network-insights-path", "network-insights-analysis"),
                    described.stream().map(t -> t.resourceTypeAsString()).collect(Collectors.toSet()));
            ec2.deleteTags(b -> b.resources(path).tags(Tag.builder().key("env").build()));
            assertTrue(ec2.describeNetworkInsightsPaths(b -> b.networkInsightsPathIds(path)).networkInsightsPaths()
                    .get(0).tags().isEmpty());
        }
    }

    private static Set<String> ids(List<NetworkInsightsPath> paths) {
        return paths.stream().map(NetworkInsightsPath::networkInsightsPathId).collect(Collectors.toSet());
    }

    private static String address(Ec2Client ec2, String eni) {
        return ec2.describeNetworkInterfaces(b -> b.networkInterfaceIds(eni)).networkInterfaces().get(0)
                .privateIpAddress();
    }
}
