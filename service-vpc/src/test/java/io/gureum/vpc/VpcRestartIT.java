package io.gureum.vpc;

import static io.gureum.vpc.VpcsIT.filter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.Gureum;
import io.gureum.core.GureumConfig;
import io.gureum.core.testing.AwsClients;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.NetworkInsightsAnalysis;
import software.amazon.awssdk.services.ec2.model.RouteTable;
import software.amazon.awssdk.services.ec2.model.SecurityGroupRule;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.Vpc;

/** What the networking share of EC2 finds again after a restart on the same --data-dir. */
class VpcRestartIT {
    private static final String ACCOUNT = "123456789012";
    private static final String REGION = "ap-northeast-2";

    @TempDir
    Path dataDir;

    private Gureum start() {
        return Gureum.start(GureumConfig.builder().port(0).dataDir(dataDir).build());
    }

    /**
     * Starts with a compaction threshold of one byte: the journal is folded into a snapshot at once, from
     * what the instance captures, and again after every write; the next start reads that snapshot.
     */
    private Gureum startCompacting() {
        System.setProperty("gureum.compactBytes", "1");
        try {
            return start();
        } finally {
            System.clearProperty("gureum.compactBytes");
        }
    }

    private static Ec2Client ec2(Gureum g) {
        return AwsClients.client(Ec2Client.builder(), g.endpoint(), ACCOUNT, REGION);
    }

    private static String defaultVpc(Ec2Client ec2) {
        List<Vpc> defaults = ec2.describeVpcs(b -> b.filters(filter("is-default", "true"))).vpcs();
        assertEquals(1, defaults.size(), "one default VPC");
        return defaults.get(0).vpcId();
    }

    private static SecurityGroupRule ingressRule(Ec2Client ec2, String groupId) {
        return ec2.describeSecurityGroupRules(b -> b.filters(filter("group-id", groupId))).securityGroupRules()
                .stream().filter(r -> !r.isEgress()).findFirst().orElseThrow();
    }

    private static NetworkInsightsAnalysis analyze(Gureum g, Ec2Client ec2, String path) {
        String id = ec2.startNetworkInsightsAnalysis(b -> b.networkInsightsPathId(path)).networkInsightsAnalysis()
                .networkInsightsAnalysisId();
        g.context().clock().advance(Duration.ofSeconds(3));
        NetworkInsightsAnalysis done = ec2.describeNetworkInsightsAnalyses(b -> b.networkInsightsAnalysisIds(id))
                .networkInsightsAnalyses().get(0);
        assertEquals("succeeded", done.statusAsString());
        return done;
    }

    @Test
    void dhcpOptionSetsAndEgressOnlyGatewaysSurviveARestart() {
        for (boolean compacting : new boolean[] {false, true}) {
            dhcpAndEgressOnlyGatewaysSurvive(compacting);
        }
    }

    private void dhcpAndEgressOnlyGatewaysSurvive(boolean compacting) {
        String defaultSet;
        String custom;
        String vpc;
        String eigw;
        String rtb;
        try (Gureum g = compacting ? startCompacting() : start(); Ec2Client ec2 = ec2(g)) {
            defaultSet = ec2.describeVpcs(b -> b.vpcIds(defaultVpc(ec2))).vpcs().get(0).dhcpOptionsId();
            custom = ec2.createDhcpOptions(b -> b.dhcpConfigurations(DhcpOptionsIT.option("domain-name", "corp.example"))
                    .tagSpecifications(software.amazon.awssdk.services.ec2.model.TagSpecification.builder()
                            .resourceType("dhcp-options").tags(Tag.builder().key("Name").value("corp").build()).build()))
                    .dhcpOptions().dhcpOptionsId();
            vpc = ec2.createVpc(b -> b.cidrBlock("10.9.0.0/16").amazonProvidedIpv6CidrBlock(true)).vpc().vpcId();
            ec2.associateDhcpOptions(b -> b.vpcId(vpc).dhcpOptionsId(custom));
            eigw = ec2.createEgressOnlyInternetGateway(b -> b.vpcId(vpc).clientToken("restart-" + compacting))
                    .egressOnlyInternetGateway().egressOnlyInternetGatewayId();
            rtb = ec2.createRouteTable(b -> b.vpcId(vpc)).routeTable().routeTableId();
            ec2.createRoute(b -> b.routeTableId(rtb).destinationIpv6CidrBlock("::/0").egressOnlyInternetGatewayId(eigw));
        }
        try (Gureum g = start(); Ec2Client ec2 = ec2(g)) {
            assertEquals(defaultSet, ec2.describeVpcs(b -> b.vpcIds(defaultVpc(ec2))).vpcs().get(0).dhcpOptionsId());
            assertEquals(custom, ec2.describeVpcs(b -> b.vpcIds(vpc)).vpcs().get(0).dhcpOptionsId());
            var sets = ec2.describeDhcpOptions(b -> b.dhcpOptionsIds(custom)).dhcpOptions();
            assertEquals("corp.example", sets.get(0).dhcpConfigurations().get(0).values().get(0).value());
            assertEquals("corp", sets.get(0).tags().get(0).value());
            assertEquals(List.of("AmazonProvidedDNS"), DhcpOptionsIT.options(ec2.describeDhcpOptions(
                    b -> b.dhcpOptionsIds(defaultSet)).dhcpOptions().get(0)).get("domain-name-servers"));
            assertEquals(vpc, ec2.describeEgressOnlyInternetGateways(b -> b.egressOnlyInternetGatewayIds(eigw))
                    .egressOnlyInternetGateways().get(0).attachments().get(0).vpcId());
            // the client token is kept: the same request answers the same gateway
            assertEquals(eigw, ec2.createEgressOnlyInternetGateway(b -> b.vpcId(vpc).clientToken("restart-" + compacting))
                    .egressOnlyInternetGateway().egressOnlyInternetGatewayId());
            assertEquals("active", EgressOnlyInternetGatewaysIT.ipv6Route(ec2, rtb, "::/0").stateAsString());
            ec2.deleteEgressOnlyInternetGateway(b -> b.egressOnlyInternetGatewayId(eigw));
            ec2.associateDhcpOptions(b -> b.vpcId(vpc).dhcpOptionsId("default"));
            ec2.deleteDhcpOptions(b -> b.dhcpOptionsId(custom));
        }
        try (Gureum g = start(); Ec2Client ec2 = ec2(g)) {
            assertEquals("blackhole", EgressOnlyInternetGatewaysIT.ipv6Route(ec2, rtb, "::/0").stateAsString());
            assertEquals("default", ec2.describeVpcs(b -> b.vpcIds(vpc)).vpcs().get(0).dhcpOptionsId());
            assertEquals(List.of(defaultSet), ec2.describeDhcpOptions().dhcpOptions().stream()
                    .map(d -> d.dhcpOptionsId()).toList());
            assertEquals(0, ec2.describeEgressOnlyInternetGateways().egressOnlyInternetGateways().size());
            // clean the account's state for the next round on the same data directory
            ec2.deleteRouteTable(b -> b.routeTableId(rtb));
            ec2.deleteVpc(b -> b.vpcId(vpc));
        }
    }

    @Test
    void networkSurvivesARestartAndStillRoutes() {
        String defaultVpc;
        NetworkInsightsIT.Pair p;
        String igw;
        String rtb;
        String rule;
        String publicIp;
        String nat;
        String path;
        String gone;
        String eni1Ip;
        try (Gureum g = start(); Ec2Client ec2 = ec2(g)) {
            defaultVpc = defaultVpc(ec2);
            p = NetworkInsightsIT.pair(ec2);
            ec2.createTags(b -> b.resources(p.vpc(), p.eni2()).tags(Tag.builder().key("Name").value("kept").build()));
            ec2.associateVpcCidrBlock(b -> b.vpcId(p.vpc()).cidrBlock("10.6.0.0/16"));
            igw = ec2.createInternetGateway(b -> { }).internetGateway().internetGatewayId();
            ec2.attachInternetGateway(b -> b.internetGatewayId(igw).vpcId(p.vpc()));
            rtb = ec2.createRouteTable(b -> b.vpcId(p.vpc())).routeTable().routeTableId();
            ec2.createRoute(b -> b.routeTableId(rtb).destinationCidrBlock("0.0.0.0/0").gatewayId(igw));
            ec2.associateRouteTable(b -> b.routeTableId(rtb).subnetId(p.subnet()));
            rule = ingressRule(ec2, p.sg2()).securityGroupRuleId();
            var eip = ec2.allocateAddress(b -> b.domain("vpc"));
            publicIp = eip.publicIp();
            nat = ec2.createNatGateway(b -> b.subnetId(p.subnet()).allocationId(eip.allocationId())).natGateway()
                    .natGatewayId();
            path = InsightsTestSupport.path(ec2, b -> b.source(p.eni1()).destination(p.eni2()).protocol("tcp")
                    .destinationPort(22));
            gone = ec2.createSubnet(b -> b.vpcId(p.vpc()).cidrBlock("10.5.3.0/24")).subnet().subnetId();
            ec2.deleteSubnet(b -> b.subnetId(gone));
            eni1Ip = ec2.describeNetworkInterfaces(b -> b.networkInterfaceIds(p.eni1())).networkInterfaces().get(0)
                    .privateIpAddress();
        }
        try (Gureum g = startCompacting(); Ec2Client ec2 = ec2(g)) {
            assertEquals(defaultVpc, defaultVpc(ec2), "the default VPC is not made again");
            Vpc vpc = ec2.describeVpcs(b -> b.vpcIds(p.vpc())).vpcs().get(0);
            assertEquals(List.of(Tag.builder().key("Name").value("kept").build()), vpc.tags());
            assertTrue(vpc.cidrBlockAssociationSet().stream().anyMatch(c -> c.cidrBlock().equals("10.6.0.0/16")));
            assertEquals(Map.of("Name", "kept"), ec2.describeTags(b -> b.filters(filter("resource-id", p.eni2())))
                    .tags().stream().collect(Collectors.toMap(t -> t.key(), t -> t.value())));
            AwsServiceException e = org.junit.jupiter.api.Assertions.assertThrows(AwsServiceException.class,
                    () -> ec2.describeSubnets(b -> b.subnetIds(gone)));
            assertEquals("InvalidSubnetID.NotFound", e.awsErrorDetails().errorCode());
            e = org.junit.jupiter.api.Assertions.assertThrows(AwsServiceException.class,
                    () -> ec2.createSubnet(b -> b.vpcId(p.vpc()).cidrBlock("10.5.1.128/25")));
            assertEquals("InvalidSubnet.Conflict", e.awsErrorDetails().errorCode(), "the VPC's subnet index is rebuilt");
            assertEquals(400, e.statusCode());

            RouteTable table = ec2.describeRouteTables(b -> b.routeTableIds(rtb)).routeTables().get(0);
            assertTrue(table.routes().stream().anyMatch(r -> "0.0.0.0/0".equals(r.destinationCidrBlock())
                    && igw.equals(r.gatewayId())));
            assertEquals(p.subnet(), table.associations().get(0).subnetId());
            assertEquals(rule, ingressRule(ec2, p.sg2()).securityGroupRuleId(), "rule IDs are kept");
            assertEquals(publicIp, ec2.describeAddresses().addresses().get(0).publicIp());

            g.context().clock().advance(Duration.ofSeconds(61));
            assertEquals("available", ec2.describeNatGateways(b -> b.natGatewayIds(nat)).natGateways().get(0)
                    .stateAsString(), "the NAT gateway still settles on the clock");

            // Still analysed on the restored network: port 22 is closed, then opened.
            assertEquals("ENI_SG_RULES_MISMATCH", analyze(g, ec2, path).explanations().get(0).explanationCode());
            ec2.authorizeSecurityGroupIngress(b -> b.groupId(p.sg2()).ipPermissions(IpPermission.builder()
                    .ipProtocol("tcp").fromPort(22).toPort(22).ipRanges(IpRange.builder().cidrIp("10.5.1.0/24")
                            .build()).build()));
            assertTrue(analyze(g, ec2, path).networkPathFound());

            String eni3Ip = ec2.createNetworkInterface(b -> b.subnetId(p.subnet())).networkInterface()
                    .privateIpAddress();
            assertNotEquals(eni1Ip, eni3Ip, "addresses taken before the restart stay taken");
        }
        try (Gureum g = start(); Ec2Client ec2 = ec2(g)) {
            assertTrue(analyze(g, ec2, path).networkPathFound(), "the rule added after the first restart is kept");
            assertEquals("available", ec2.describeNatGateways(b -> b.natGatewayIds(nat)).natGateways().get(0)
                    .stateAsString());
        }
    }

    @Test
    void aPeeringConnectionAcrossAccountsIsOneConnectionAgainWithEachSidesTags() {
        String other = "210987654321";
        String pcx;
        try (Gureum g = start(); Ec2Client a = ec2(g);
                Ec2Client b = AwsClients.client(Ec2Client.builder(), g.endpoint(), other, REGION)) {
            String vpcA = a.createVpc(r -> r.cidrBlock("10.1.0.0/16")).vpc().vpcId();
            String vpcB = b.createVpc(r -> r.cidrBlock("10.2.0.0/16")).vpc().vpcId();
            pcx = a.createVpcPeeringConnection(r -> r.vpcId(vpcA).peerVpcId(vpcB).peerOwnerId(other)
                    .tagSpecifications(t -> t.resourceType("vpc-peering-connection")
                            .tags(Tag.builder().key("side").value("requester").build())))
                    .vpcPeeringConnection().vpcPeeringConnectionId();
            b.createTags(r -> r.resources(pcx).tags(Tag.builder().key("side").value("accepter").build()));
        }
        try (Gureum g = start(); Ec2Client a = ec2(g);
                Ec2Client b = AwsClients.client(Ec2Client.builder(), g.endpoint(), other, REGION)) {
            assertEquals("pending-acceptance", b.describeVpcPeeringConnections(r -> r.vpcPeeringConnectionIds(pcx))
                    .vpcPeeringConnections().get(0).status().codeAsString());
            b.acceptVpcPeeringConnection(r -> r.vpcPeeringConnectionId(pcx));
            var seenByA = a.describeVpcPeeringConnections(r -> r.vpcPeeringConnectionIds(pcx)).vpcPeeringConnections()
                    .get(0);
            assertEquals("active", seenByA.status().codeAsString(), "both sides share one connection again");
            assertEquals(List.of(Tag.builder().key("side").value("requester").build()), seenByA.tags());
            assertEquals(List.of(Tag.builder().key("side").value("accepter").build()),
                    b.describeVpcPeeringConnections(r -> r.vpcPeeringConnectionIds(pcx)).vpcPeeringConnections()
                            .get(0).tags());
        }
    }
}
