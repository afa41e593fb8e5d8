package io.gureum.vpc;

import static io.gureum.vpc.VpcsIT.filter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.GatewayType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.model.TransitGatewayMeteringPolicy;
import software.amazon.awssdk.services.ec2.model.TransitGatewayMeteringPolicyEntry;
import software.amazon.awssdk.services.ec2.model.VpnConcentrator;
import software.amazon.awssdk.services.ec2.model.VpnConnection;

/** Transit gateway metering policies and their entries, VPN concentrators and the VPN connections made on them. */
class TransitGatewayMeteringAndConcentratorsIT extends Ec2TestBase {

    private static String tgw(Ec2Client ec2) {
        String id = ec2.createTransitGateway(b -> b.description("hub")).transitGateway().transitGatewayId();
        advanceClock(Duration.ofMinutes(3));
        return id;
    }

    private static String vpcAttachment(Ec2Client ec2, String tgw, String cidr) {
        String vpc = ec2.createVpc(b -> b.cidrBlock(cidr)).vpc().vpcId();
        String subnet = ec2.createSubnet(b -> b.vpcId(vpc).cidrBlock(cidr.replace("/16", "/24"))).subnet().subnetId();
        return ec2.createTransitGatewayVpcAttachment(b -> b.transitGatewayId(tgw).vpcId(vpc).subnetIds(subnet))
                .transitGatewayVpcAttachment().transitGatewayAttachmentId();
    }

    private static TransitGatewayMeteringPolicy policy(Ec2Client ec2, String id) {
        return ec2.describeTransitGatewayMeteringPolicies(b -> b.transitGatewayMeteringPolicyIds(id))
                .transitGatewayMeteringPolicies().get(0);
    }

    @Test
    void meteringPoliciesAndEntries() {
        try (Ec2Client ec2 = ec2(newAccount(), "us-east-1")) {
            String tgw = tgw(ec2);
            String att = vpcAttachment(ec2, tgw, "10.10.0.0/16");
            String att2 = vpcAttachment(ec2, tgw, "10.11.0.0/16");
            fails("MissingParameter", () -> ec2.createTransitGatewayMeteringPolicy(b -> b.middleboxAttachmentIds(att)));
            fails("InvalidTransitGatewayID.NotFound", () -> ec2.createTransitGatewayMeteringPolicy(b -> b
                    .transitGatewayId("tgw-00000000000000000")));
            fails("InvalidTransitGatewayAttachmentID.NotFound", () -> ec2.createTransitGatewayMeteringPolicy(b -> b
                    .transitGatewayId(tgw).middleboxAttachmentIds("tgw-attach-00000000000000000")));
            fails("DryRunOperation", 412, () -> ec2.createTransitGatewayMeteringPolicy(b -> b.transitGatewayId(tgw)
                    .dryRun(true)));
            TransitGatewayMeteringPolicy p = ec2.createTransitGatewayMeteringPolicy(b -> b.transitGatewayId(tgw)
                    .middleboxAttachmentIds(att).tagSpecifications(TagSpecification.builder()
                            .resourceType("transit-gateway-metering-policy")
                            .tags(Tag.builder().key("Env").value("Prod").build()).build()))
                    .transitGatewayMeteringPolicy();
            String id = p.transitGatewayMeteringPolicyId();
            assertTrue(id.matches("tgw-mp-[0-9a-f]{17}"), id);
            assertEquals("pending", p.stateAsString());
            assertEquals(List.of(att), p.middleboxAttachmentIds());
            assertEquals("Prod", p.tags().get(0).value());
            assertTrue(p.updateEffectiveAt().isAfter(gureum.context().clock().now().plus(Duration.ofMinutes(59))));
            advanceClock(Duration.ofSeconds(3));
            assertEquals("available", policy(ec2, id).stateAsString());
            assertEquals(1, ec2.describeTransitGatewayMeteringPolicies(b -> b.filters(filter("transit-gateway-id", tgw),
                    filter("tag:Env", "Prod"))).transitGatewayMeteringPolicies().size());
            fails("InvalidParameterValue", () -> ec2.describeTransitGatewayMeteringPolicies(b -> b
                    .filters(filter("no-such-filter", "x"))));
            fails("InvalidTransitGatewayMeteringPolicyId.NotFound", () -> ec2.describeTransitGatewayMeteringPolicies(
                    b -> b.transitGatewayMeteringPolicyIds("tgw-mp-00000000000000000")));

            // Middlebox attachments change in place; the policy is modifying for a while.
            fails("InvalidParameterValue", () -> ec2.modifyTransitGatewayMeteringPolicy(b -> b
                    .transitGatewayMeteringPolicyId(id).removeMiddleboxAttachmentIds(att2)));
            TransitGatewayMeteringPolicy m = ec2.modifyTransitGatewayMeteringPolicy(b -> b
                    .transitGatewayMeteringPolicyId(id).addMiddleboxAttachmentIds(att2).removeMiddleboxAttachmentIds(att))
                    .transitGatewayMeteringPolicy();
            assertEquals("modifying", m.stateAsString());
            assertEquals(List.of(att2), m.middleboxAttachmentIds());
            advanceClock(Duration.ofSeconds(3));
            assertEquals("available", policy(ec2, id).stateAsString());

            // Entries: rule numbers 1–32766, unique in the policy; listed in rule order.
            fails("InvalidParameterValue", () -> ec2.createTransitGatewayMeteringPolicyEntry(b -> b
                    .transitGatewayMeteringPolicyId(id).policyRuleNumber(0).meteredAccount("transit-gateway-owner")));
            fails("InvalidParameterValue", () -> ec2.createTransitGatewayMeteringPolicyEntry(b -> b
                    .transitGatewayMeteringPolicyId(id).policyRuleNumber(10).meteredAccount("transit-gateway-owner")
                    .sourceCidrBlock("10.0.0.0/33")));
            fails("InvalidParameterValue", () -> ec2.createTransitGatewayMeteringPolicyEntry(b -> b
                    .transitGatewayMeteringPolicyId(id).policyRuleNumber(10).meteredAccount("transit-gateway-owner")
                    .destinationPortRange("443-80")));
            fails("MissingParameter", () -> ec2.createTransitGatewayMeteringPolicyEntry(b -> b
                    .transitGatewayMeteringPolicyId(id).policyRuleNumber(10)));
            TransitGatewayMeteringPolicyEntry e = ec2.createTransitGatewayMeteringPolicyEntry(b -> b
                    .transitGatewayMeteringPolicyId(id).policyRuleNumber(200).meteredAccount("destination-attachment-owner")
                    .destinationTransitGatewayAttachmentType("vpc").destinationPortRange("443").protocol("6"))
                    .transitGatewayMeteringPolicyEntry();
            assertEquals("200", e.policyRuleNumber());
            assertEquals("available", e.stateAsString());
            assertEquals("vpc", e.meteringPolicyRule().destinationTransitGatewayAttachmentTypeAsString());
            ec2.createTransitGatewayMeteringPolicyEntry(b -> b.transitGatewayMeteringPolicyId(id).policyRuleNumber(100)
                    .meteredAccount("source-attachment-owner").sourceTransitGatewayAttachmentId(att2)
                    .sourceCidrBlock("10.11.0.0/16"));
            fails("InvalidParameterValue", () -> ec2.createTransitGatewayMeteringPolicyEntry(b -> b
                    .transitGatewayMeteringPolicyId(id).policyRuleNumber(100).meteredAccount("transit-gateway-owner")));
            List<TransitGatewayMeteringPolicyEntry> entries = ec2.getTransitGatewayMeteringPolicyEntries(b -> b
                    .transitGatewayMeteringPolicyId(id)).transitGatewayMeteringPolicyEntries();
            assertEquals(List.of("100", "200"), entries.stream().map(TransitGatewayMeteringPolicyEntry::policyRuleNumber)
                    .toList());
            assertEquals(att2, entries.get(0).meteringPolicyRule().sourceTransitGatewayAttachmentId());
            assertEquals(1, ec2.getTransitGatewayMeteringPolicyEntries(b -> b.transitGatewayMeteringPolicyId(id)
                    .filters(filter("metered-account", "destination-attachment-owner")))
                    .transitGatewayMeteringPolicyEntries().size());
            assertEquals("deleted", ec2.deleteTransitGatewayMeteringPolicyEntry(b -> b.transitGatewayMeteringPolicyId(id)
                    .policyRuleNumber(200)).transitGatewayMeteringPolicyEntry().stateAsString());
            fails("InvalidParameterValue", () -> ec2.deleteTransitGatewayMeteringPolicyEntry(b -> b
                    .transitGatewayMeteringPolicyId(id).policyRuleNumber(200)));

            // The gateway keeps its policy: it is not deleted while the policy is not.
            ec2.deleteTransitGatewayVpcAttachment(b -> b.transitGatewayAttachmentId(att));
            ec2.deleteTransitGatewayVpcAttachment(b -> b.transitGatewayAttachmentId(att2));
            fails("IncorrectState", () -> ec2.deleteTransitGateway(b -> b.transitGatewayId(tgw)));
            assertEquals("deleting", ec2.deleteTransitGatewayMeteringPolicy(b -> b.transitGatewayMeteringPolicyId(id))
                    .transitGatewayMeteringPolicy().stateAsString());
            fails("InvalidTransitGatewayMeteringPolicyId.NotFound", () -> ec2.getTransitGatewayMeteringPolicyEntries(
                    b -> b.transitGatewayMeteringPolicyId(id)));
            advanceClock(Duration.ofSeconds(3));
            assertEquals("deleted", policy(ec2, id).stateAsString());
            fails("InvalidTransitGatewayMeteringPolicyId.NotFound", () -> ec2.createTags(b -> b.resources(id)
                    .tags(Tag.builder().key("k").value("v").build())));
            ec2.deleteTransitGateway(b -> b.transitGatewayId(tgw));
        }
    }

    @Test
    void vpnConcentratorsCarryVpnConnections() {
        try (Ec2Client ec2 = ec2(newAccount(), "us-east-1")) {
            String tgw = tgw(ec2);
            fails("InvalidTransitGatewayID.NotFound", () -> ec2.createVpnConcentrator(b -> b.type("ipsec.1")
                    .transitGatewayId("tgw-00000000000000000")));
            fails("InvalidParameterValue", () -> ec2.createVpnConcentrator(b -> b.type("ipsec.2")
                    .transitGatewayId(tgw)));
            fails("DryRunOperation", 412, () -> ec2.createVpnConcentrator(b -> b.type("ipsec.1").transitGatewayId(tgw)
                    .dryRun(true)));
            VpnConcentrator c = ec2.createVpnConcentrator(b -> b.type("ipsec.1").transitGatewayId(tgw)
                    .tagSpecifications(TagSpecification.builder().resourceType("vpn-concentrator")
                            .tags(Tag.builder().key("Name").value("sites").build()).build())).vpnConcentrator();
            String id = c.vpnConcentratorId();
            assertTrue(id.matches("vcn-[0-9a-f]{17}"), id);
            assertEquals("pending", c.state());
            assertEquals(tgw, c.transitGatewayId());
            String att = c.transitGatewayAttachmentId();
            var attachment = ec2.describeTransitGatewayAttachments(b -> b.transitGatewayAttachmentIds(att))
                    .transitGatewayAttachments().get(0);
            assertEquals("vpn-concentrator", attachment.resourceTypeAsString());
            assertEquals(id, attachment.resourceId());

            String cgw = ec2.createCustomerGateway(b -> b.bgpAsn(65010).ipAddress("203.0.113.40")
                    .type(GatewayType.IPSEC_1)).customerGateway().customerGatewayId();
            // Not yet available: no connection on it.
            fails("IncorrectState", () -> ec2.createVpnConnection(b -> b.type("ipsec.1").customerGatewayId(cgw)
                    .vpnConcentratorId(id)));
            advanceClock(Duration.ofSeconds(3));
            assertEquals("available", ec2.describeVpnConcentrators(b -> b.vpnConcentratorIds(id)).vpnConcentrators()
                    .get(0).state());
            fails("InvalidParameterCombination", () -> ec2.createVpnConnection(b -> b.type("ipsec.1")
                    .customerGatewayId(cgw).vpnConcentratorId(id).transitGatewayId(tgw)));
            fails("InvalidParameterValue", () -> ec2.createVpnConnection(b -> b.type("ipsec.1").customerGatewayId(cgw)
                    .vpnConcentratorId(id).options(o -> o.staticRoutesOnly(true))));
            fails("InvalidVpnConcentratorID.NotFound", () -> ec2.createVpnConnection(b -> b.type("ipsec.1")
                    .customerGatewayId(cgw).vpnConcentratorId("vcn-00000000000000000")));
            VpnConnection vpn = ec2.createVpnConnection(b -> b.type("ipsec.1").customerGatewayId(cgw)
                    .vpnConcentratorId(id)).vpnConnection();
            assertEquals(id, vpn.vpnConcentratorId());
            assertNull(vpn.transitGatewayId());
            // The connection shares the concentrator's attachment rather than getting one of its own.
            assertEquals(1, ec2.describeTransitGatewayAttachments(b -> b.filters(filter("transit-gateway-id", tgw)))
                    .transitGatewayAttachments().size());
            fails("DependencyViolation", () -> ec2.deleteVpnConcentrator(b -> b.vpnConcentratorId(id)));
            fails("IncorrectState", () -> ec2.deleteTransitGateway(b -> b.transitGatewayId(tgw)));

            assertEquals(1, ec2.describeVpnConcentrators(b -> b.filters(filter("tag:Name", "sites"))).vpnConcentrators()
                    .size());
            fails("InvalidParameterValue", () -> ec2.describeVpnConcentrators(b -> b.maxResults(5)));

            ec2.deleteVpnConnection(b -> b.vpnConnectionId(vpn.vpnConnectionId()));
            assertEquals("available", ec2.describeTransitGatewayAttachments(b -> b.transitGatewayAttachmentIds(att))
                    .transitGatewayAttachments().get(0).stateAsString());
            fails("DryRunOperation", 412, () -> ec2.deleteVpnConcentrator(b -> b.vpnConcentratorId(id).dryRun(true)));
            assertTrue(ec2.deleteVpnConcentrator(b -> b.vpnConcentratorId(id)).returnValue());
            assertEquals("deleting", ec2.describeVpnConcentrators(b -> b.vpnConcentratorIds(id)).vpnConcentrators()
                    .get(0).state());
            advanceClock(Duration.ofSeconds(3));
            assertEquals("deleted", ec2.describeVpnConcentrators(b -> b.vpnConcentratorIds(id)).vpnConcentrators()
                    .get(0).state());
            fails("InvalidVpnConcentratorID.NotFound", () -> ec2.deleteVpnConcentrator(b -> b.vpnConcentratorId(id)));
            fails("InvalidVpnConcentratorID.NotFound", () -> ec2.describeVpnConcentrators(b -> b
                    .vpnConcentratorIds("vcn-00000000000000000")));
            advanceClock(Duration.ofMinutes(10));
            ec2.deleteTransitGateway(b -> b.transitGatewayId(tgw));
        }
    }

    @Test
    void networkPerformanceSubscriptions() {
        try (Ec2Client ec2 = ec2(newAccount(), "us-east-1")) {
            assertTrue(ec2.enableAwsNetworkPerformanceMetricSubscription(b -> b.source("us-east-1")
                    .destination("eu-west-1").metric("aggregate-latency").statistic("p50")).output());
            // Enabling again keeps one subscription.
            ec2.enableAwsNetworkPerformanceMetricSubscription(b -> b.source("us-east-1").destination("eu-west-1")
                    .metric("aggregate-latency").statistic("p50"));
            ec2.enableAwsNetworkPerformanceMetricSubscription(b -> b.source("use1-az1").destination("use1-az2")
                    .metric("aggregate-latency").statistic("p50"));
            fails("InvalidParameterValue", () -> ec2.enableAwsNetworkPerformanceMetricSubscription(b -> b
                    .source("use1-az1").destination("euw1-az1").metric("aggregate-latency").statistic("p50")));
            fails("InvalidParameterCombination", () -> ec2.enableAwsNetworkPerformanceMetricSubscription(b -> b
                    .source("us-east-1").destination("use1-az2").metric("aggregate-latency").statistic("p50")));
            fails("InvalidParameterValue", () -> ec2.enableAwsNetworkPerformanceMetricSubscription(b -> b
                    .source("mars-north-1").destination("us-east-1").metric("aggregate-latency").statistic("p50")));
            fails("MissingParameter", () -> ec2.enableAwsNetworkPerformanceMetricSubscription(b -> b
                    .source("us-east-1").destination("eu-west-1").statistic("p50")));
            fails("DryRunOperation", 412, () -> ec2.enableAwsNetworkPerformanceMetricSubscription(b -> b
                    .source("us-east-1").destination("eu-west-2").metric("aggregate-latency").statistic("p50")
                    .dryRun(true)));
            var all = ec2.describeAwsNetworkPerformanceMetricSubscriptions(b -> b.maxResults(1));
            assertEquals(1, all.subscriptions().size());
            assertEquals("five-minutes", all.subscriptions().get(0).periodAsString());
            assertEquals(2, ec2.describeAwsNetworkPerformanceMetricSubscriptions(b -> b.build()).subscriptions().size());
            assertEquals("use1-az2", ec2.describeAwsNetworkPerformanceMetricSubscriptions(b -> b
                    .filters(filter("source", "use1-az1"))).subscriptions().get(0).destination());
            assertTrue(ec2.disableAwsNetworkPerformanceMetricSubscription(b -> b.source("us-east-1")
                    .destination("eu-west-1").metric("aggregate-latency").statistic("p50")).output());
            assertFalse(ec2.disableAwsNetworkPerformanceMetricSubscription(b -> b.source("us-east-1")
                    .destination("eu-west-1").metric("aggregate-latency").statistic("p50")).output());
            assertEquals(1, ec2.describeAwsNetworkPerformanceMetricSubscriptions(b -> b.build()).subscriptions().size());
            fails("NotImplemented", 501, () -> ec2.getAwsNetworkPerformanceData(b -> b.dataQueries(q -> q.id("q")
                    .source("us-east-1").destination("eu-west-1").metric("aggregate-latency").statistic("p50")
                    .period("five-minutes"))));
        }
    }

    @Test
    void publicIpv4PoolsAndRouteTables() {
        try (Ec2Client ec2 = ec2(newAccount(), "us-east-1")) {
            fails("InvalidParameterValue", () -> ec2.createPublicIpv4Pool(b -> b.networkBorderGroup("us-west-2")));
            String pool = ec2.createPublicIpv4Pool(b -> b.tagSpecifications(TagSpecification.builder()
                    .resourceType("ipv4pool-ec2").tags(Tag.builder().key("Name").value("byoip").build()).build()))
                    .poolId();
            assertTrue(pool.matches("ipv4pool-ec2-[0-9a-f]{17}"), pool);
            var described = ec2.describePublicIpv4Pools(b -> b.poolIds(pool)).publicIpv4Pools().get(0);
            assertEquals("us-east-1", described.networkBorderGroup());
            assertEquals(0, described.totalAddressCount());
            assertEquals("byoip", described.tags().get(0).value());
            assertEquals(1, ec2.describePublicIpv4Pools(b -> b.filters(filter("tag-key", "Name"))).publicIpv4Pools()
                    .size());
            fails("InvalidParameterValue", () -> ec2.describePublicIpv4Pools(b -> b.maxResults(11)));
            fails("InvalidPublicIpv4PoolID.NotFound", () -> ec2.describePublicIpv4Pools(b -> b
                    .poolIds("ipv4pool-ec2-00000000000000000")));

            // CIDRs come from a public-scope IPAM pool: a private one is refused, a public one holds none here.
            String ipam = ec2.createIpam(b -> b.build()).ipam().ipamId();
            advanceClock(Duration.ofSeconds(3));
            var ipamDescribed = ec2.describeIpams(b -> b.ipamIds(ipam)).ipams().get(0);
            String privatePool = ec2.createIpamPool(b -> b.ipamScopeId(ipamDescribed.privateDefaultScopeId())
                    .addressFamily("ipv4")).ipamPool().ipamPoolId();
            String publicPool = ec2.createIpamPool(b -> b.ipamScopeId(ipamDescribed.publicDefaultScopeId())
                    .addressFamily("ipv4").locale("us-east-1").awsService("ec2").publicIpSource("byoip"))
                    .ipamPool().ipamPoolId();
            fails("InvalidParameterValue", () -> ec2.provisionPublicIpv4PoolCidr(b -> b.poolId(pool)
                    .ipamPoolId(privatePool).netmaskLength(24)));
            fails("InvalidParameterValue", () -> ec2.provisionPublicIpv4PoolCidr(b -> b.poolId(pool)
                    .ipamPoolId(publicPool).netmaskLength(16)));
            fails("InvalidIpamPoolId.NotFound", () -> ec2.provisionPublicIpv4PoolCidr(b -> b.poolId(pool)
                    .ipamPoolId("ipam-pool-00000000000000000").netmaskLength(24)));
            fails("NotImplemented", 501, () -> ec2.provisionPublicIpv4PoolCidr(b -> b.poolId(pool)
                    .ipamPoolId(publicPool).netmaskLength(24)));
            fails("InvalidParameterValue", () -> ec2.deprovisionPublicIpv4PoolCidr(b -> b.poolId(pool)
                    .cidr("198.51.100.0/24")));

            // A route table takes the pool as an association of its own.
            String vpc = ec2.createVpc(b -> b.cidrBlock("10.20.0.0/16")).vpc().vpcId();
            String rtb = ec2.createRouteTable(b -> b.vpcId(vpc)).routeTable().routeTableId();
            fails("InvalidPublicIpv4PoolID.NotFound", () -> ec2.associateRouteTable(b -> b.routeTableId(rtb)
                    .publicIpv4Pool("ipv4pool-ec2-00000000000000000")));
            fails("InvalidParameterCombination", () -> ec2.associateRouteTable(b -> b.routeTableId(rtb)
                    .publicIpv4Pool(pool).gatewayId("igw-00000000000000000")));
            String assoc = ec2.associateRouteTable(b -> b.routeTableId(rtb).publicIpv4Pool(pool)).associationId();
            assertEquals(pool, ec2.describeRouteTables(b -> b.routeTableIds(rtb)).routeTables().get(0).associations()
                    .get(0).publicIpv4Pool());
            fails("Resource.AlreadyAssociated", () -> ec2.associateRouteTable(b -> b.routeTableId(rtb)
                    .publicIpv4Pool(pool)));
            fails("DependencyViolation", () -> ec2.deletePublicIpv4Pool(b -> b.poolId(pool)));
            ec2.disassociateRouteTable(b -> b.associationId(assoc));
            assertTrue(ec2.deletePublicIpv4Pool(b -> b.poolId(pool)).returnValue());
            fails("InvalidPublicIpv4PoolID.NotFound", () -> ec2.deletePublicIpv4Pool(b -> b.poolId(pool)));
        }
    }
}
