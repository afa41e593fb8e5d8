package io.gureum.vpc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gureum.core.Gureum;
import io.gureum.core.GureumConfig;
import io.gureum.core.testing.AwsClients;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.GatewayType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/**
 * Metering policies (with entries), VPN concentrators (with a connection on one), public IPv4 pools (with a route
 * table association), network performance subscriptions and IPAM prefix list resolvers (versions, targets) after a
 * restart on --data-dir.
 */
class TransitGatewayMeteringAndConcentratorsRestartIT {
    private static final String ACCOUNT = "123456789013";
    private static final String REGION = "eu-west-1";

    @TempDir
    Path dataDir;

    private Gureum start() {
        return Gureum.start(GureumConfig.builder().port(0).dataDir(dataDir).build());
    }

    private static Ec2Client ec2(Gureum g) {
        return AwsClients.client(Ec2Client.builder(), g.endpoint(), ACCOUNT, REGION);
    }

    @Test
    void surviveARestart() {
        String policy;
        String concentrator;
        String vpn;
        String pool;
        String rtb;
        String resolver;
        String plist;
        try (Gureum g = start(); Ec2Client ec2 = ec2(g)) {
            String tgw = ec2.createTransitGateway(b -> b.description("hub")).transitGateway().transitGatewayId();
            g.context().clock().advance(Duration.ofMinutes(3));
            policy = ec2.createTransitGatewayMeteringPolicy(b -> b.transitGatewayId(tgw).tagSpecifications(
                    TagSpecification.builder().resourceType("transit-gateway-metering-policy")
                            .tags(Tag.builder().key("Env").value("Prod").build()).build()))
                    .transitGatewayMeteringPolicy().transitGatewayMeteringPolicyId();
            String p = policy;
            ec2.createTransitGatewayMeteringPolicyEntry(b -> b.transitGatewayMeteringPolicyId(p).policyRuleNumber(10)
                    .meteredAccount("transit-gateway-owner").protocol("17"));
            concentrator = ec2.createVpnConcentrator(b -> b.type("ipsec.1").transitGatewayId(tgw)).vpnConcentrator()
                    .vpnConcentratorId();
            g.context().clock().advance(Duration.ofSeconds(5));
            String cgw = ec2.createCustomerGateway(b -> b.bgpAsn(65020).ipAddress("203.0.113.50")
                    .type(GatewayType.IPSEC_1)).customerGateway().customerGatewayId();
            String c = concentrator;
            vpn = ec2.createVpnConnection(b -> b.type("ipsec.1").customerGatewayId(cgw).vpnConcentratorId(c))
                    .vpnConnection().vpnConnectionId();
            pool = ec2.createPublicIpv4Pool(b -> b.build()).poolId();
            String vpc = ec2.createVpc(b -> b.cidrBlock("10.70.0.0/16")).vpc().vpcId();
            rtb = ec2.createRouteTable(b -> b.vpcId(vpc)).routeTable().routeTableId();
            String t = rtb;
            String pl = pool;
            ec2.associateRouteTable(b -> b.routeTableId(t).publicIpv4Pool(pl));
            ec2.enableAwsNetworkPerformanceMetricSubscription(b -> b.source("eu-west-1").destination("us-east-1")
                    .metric("aggregate-latency").statistic("p50"));
            String ipam = ec2.createIpam(b -> b.build()).ipam().ipamId();
            g.context().clock().advance(Duration.ofSeconds(5));
            resolver = ec2.createIpamPrefixListResolver(b -> b.ipamId(ipam).addressFamily("ipv4").rules(r -> r
                    .ruleType("static-cidr").staticCidr("192.168.1.0/24"))).ipamPrefixListResolver()
                    .ipamPrefixListResolverId();
            String x = resolver;
            plist = ec2.createManagedPrefixList(b -> b.prefixListName("resolved").addressFamily("IPv4").maxEntries(2))
                    .prefixList().prefixListId();
            String managed = plist;
            ec2.createIpamPrefixListResolverTarget(b -> b.ipamPrefixListResolverId(x).prefixListId(managed)
                    .prefixListRegion(REGION).trackLatestVersion(true));
        }
        try (Gureum g = start(); Ec2Client ec2 = ec2(g)) {
            var p = ec2.describeTransitGatewayMeteringPolicies(b -> b.transitGatewayMeteringPolicyIds(policy))
                    .transitGatewayMeteringPolicies().get(0);
            assertEquals("available", p.stateAsString());
            assertEquals("Prod", p.tags().get(0).value());
            assertEquals("17", ec2.getTransitGatewayMeteringPolicyEntries(b -> b.transitGatewayMeteringPolicyId(policy))
                    .transitGatewayMeteringPolicyEntries().get(0).meteringPolicyRule().protocol());
            assertEquals("available", ec2.describeVpnConcentrators(b -> b.vpnConcentratorIds(concentrator))
                    .vpnConcentrators().get(0).state());
            assertEquals(concentrator, ec2.describeVpnConnections(b -> b.vpnConnectionIds(vpn)).vpnConnections().get(0)
                    .vpnConcentratorId());
            assertEquals(List.of(pool), ec2.describePublicIpv4Pools(b -> b.poolIds(pool)).publicIpv4Pools().stream()
                    .map(x -> x.poolId()).toList());
            assertEquals(pool, ec2.describeRouteTables(b -> b.routeTableIds(rtb)).routeTables().get(0).associations()
                    .get(0).publicIpv4Pool());
            assertEquals("us-east-1", ec2.describeAwsNetworkPerformanceMetricSubscriptions(b -> b.build())
                    .subscriptions().get(0).destination());
            assertEquals(List.of(1L), ec2.getIpamPrefixListResolverVersions(b -> b.ipamPrefixListResolverId(resolver))
                    .ipamPrefixListResolverVersions().stream().map(v -> v.version()).toList());
            assertEquals(1L, ec2.describeIpamPrefixListResolverTargets(b -> b.ipamPrefixListResolverId(resolver))
                    .ipamPrefixListResolverTargets().get(0).lastSyncedVersion());
            assertEquals("192.168.1.0/24", ec2.getManagedPrefixListEntries(b -> b.prefixListId(plist)).entries().get(0)
                    .cidr());
            // The connection still holds its concentrator.
            fails(() -> ec2.deleteVpnConcentrator(b -> b.vpnConcentratorId(concentrator)));
        }
    }

    private static void fails(org.junit.jupiter.api.function.Executable call) {
        var e = org.junit.jupiter.api.Assertions.assertThrows(
                software.amazon.awssdk.awscore.exception.AwsServiceException.class, call);
        assertEquals("DependencyViolation", e.awsErrorDetails().errorCode());
    }
}
