package io.gureum.vpc;

import static io.gureum.vpc.VpcsIT.filter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.Gureum;
import io.gureum.core.testing.AwsClients;
import io.gureum.junit5.GureumExtension;
import io.gureum.sns.SnsService;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.GetRouteServerRoutingDatabaseResponse;
import software.amazon.awssdk.services.ec2.model.NetworkInterface;
import software.amazon.awssdk.services.ec2.model.RouteServer;
import software.amazon.awssdk.services.ec2.model.RouteServerAssociation;
import software.amazon.awssdk.services.ec2.model.RouteServerEndpoint;
import software.amazon.awssdk.services.ec2.model.RouteServerPeer;
import software.amazon.awssdk.services.ec2.model.RouteServerPropagation;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * VPC Route Server through the SDK: route servers, their association with a VPC, endpoints, peers, propagations
 * and the (empty) routing database, with states on the clock and the SNS topic of SnsNotificationsEnabled made
 * through SNS (served beside the EC2 API on this server).
 */
class RouteServersIT {
    private static final AtomicLong ACCOUNTS = new AtomicLong(300000000000L + (System.nanoTime() % 1000) * 1000000);
    private static final String REGION = "ap-northeast-2";

    @RegisterExtension
    static final GureumExtension aws = GureumExtension.builder().services(new VpcService(), new SnsService()).build();
    static Gureum gureum;

    @BeforeAll
    static void start() {
        gureum = aws.gureum();
    }

    private static String newAccount() {
        return String.valueOf(ACCOUNTS.incrementAndGet());
    }

    private static Ec2Client ec2(String account) {
        return AwsClients.client(Ec2Client.builder(), gureum.endpoint(), account, REGION);
    }

    private static SnsClient sns(String account) {
        return AwsClients.client(SnsClient.builder(), gureum.endpoint(), account, REGION);
    }

    private static void advance() {
        gureum.context().clock().advance(Duration.ofSeconds(3));
    }

    private static String fails(String code, int status, Executable call) {
        AwsServiceException e = org.junit.jupiter.api.Assertions.assertThrows(AwsServiceException.class, call);
        assertEquals(code, e.awsErrorDetails().errorCode(), e.getMessage());
        assertEquals(status, e.statusCode(), e.getMessage());
        return e.awsErrorDetails().errorMessage();
    }

    private static String fails(String code, Executable call) {
        return fails(code, 400, call);
    }

    private static TagSpecification tags(String type, String name) {
        return TagSpecification.builder().resourceType(type).tags(Tag.builder().key("Name").value(name).build())
                .build();
    }

    private static RouteServer describe(Ec2Client ec2, String id) {
        return ec2.describeRouteServers(b -> b.routeServerIds(id)).routeServers().get(0);
    }

    @Test
    void routeServerLifecycleWithSnsTopic() {
        String account = newAccount();
        try (Ec2Client ec2 = ec2(account); SnsClient sns = sns(account)) {
            fails("MissingParameter", () -> ec2.createRouteServer(b -> b.persistRoutes("enable")));
            fails("InvalidParameterValue", () -> ec2.createRouteServer(b -> b.amazonSideAsn(0L)));
            fails("InvalidParameterValue", () -> ec2.createRouteServer(b -> b.amazonSideAsn(4294967296L)));
            fails("InvalidParameterValue", () -> ec2.createRouteServer(b -> b.amazonSideAsn(65000L)
                    .persistRoutes("reset")));
            fails("InvalidParameterValue", () -> ec2.createRouteServer(b -> b.amazonSideAsn(65000L)
                    .persistRoutes("enable").persistRoutesDuration(6L)));
            fails("InvalidParameterCombination", () -> ec2.createRouteServer(b -> b.amazonSideAsn(65000L)
                    .persistRoutesDuration(2L)));
            fails("InvalidParameterValue", () -> ec2.createRouteServer(b -> b.amazonSideAsn(65000L)
                    .tagSpecifications(tags("vpc", "x"))));
            fails("DryRunOperation", 412, () -> ec2.createRouteServer(b -> b.amazonSideAsn(65000L).dryRun(true)));
            assertTrue(ec2.describeRouteServers(b -> { }).routeServers().isEmpty());

            RouteServer rs = ec2.createRouteServer(b -> b.amazonSideAsn(65000L).persistRoutes("enable")
                    .snsNotificationsEnabled(true).clientToken("rs-token").tagSpecifications(tags("route-server",
                            "main"))).routeServer();
            String id = rs.routeServerId();
            assertTrue(id.matches("rs-[0-9a-f]{17}"), id);
            assertEquals(65000L, rs.amazonSideAsn());
            assertEquals("pending", rs.stateAsString());
            assertEquals("enabled", rs.persistRoutesStateAsString());
            assertEquals(1L, rs.persistRoutesDuration());
            assertTrue(rs.snsNotificationsEnabled());
            assertEquals("main", rs.tags().get(0).value());
            String topic = rs.snsTopicArn();
            assertTrue(topic.startsWith("arn:aws:sns:" + REGION + ":" + account + ":"), topic);
            assertTrue(sns.listTopics().topics().stream().anyMatch(t -> t.topicArn().equals(topic)));
            // The same client token gives the same route server; with other parameters it is refused.
            assertEquals(id, ec2.createRouteServer(b -> b.amazonSideAsn(65000L).persistRoutes("enable")
                    .snsNotificationsEnabled(true).clientToken("rs-token")).routeServer().routeServerId());
            fails("IdempotentParameterMismatch", () -> ec2.createRouteServer(b -> b.amazonSideAsn(65001L)
                    .clientToken("rs-token")));
            // Modify needs an available route server.
            fails("IncorrectState", () -> ec2.modifyRouteServer(b -> b.routeServerId(id).persistRoutes("disable")));
            advance();
            assertEquals("available", describe(ec2, id).stateAsString());

            String second = ec2.createRouteServer(b -> b.amazonSideAsn(4200000000L)).routeServer().routeServerId();
            advance();
            RouteServer plain = describe(ec2, second);
            assertEquals("disabled", plain.persistRoutesStateAsString());
            assertNull(plain.persistRoutesDuration());
            assertFalse(plain.snsNotificationsEnabled());
            assertNull(plain.snsTopicArn());

            // Filters and pagination.
            assertEquals(List.of(id), ec2.describeRouteServers(b -> b.filters(filter("tag:Name", "main")))
                    .routeServers().stream().map(RouteServer::routeServerId).toList());
            assertEquals(List.of(second), ec2.describeRouteServers(b -> b.filters(filter("amazon-side-asn",
                    "4200000000"))).routeServers().stream().map(RouteServer::routeServerId).toList());
            assertEquals(List.of(id), ec2.describeRouteServers(b -> b.filters(filter("persist-routes-state",
                    "enabled"))).routeServers().stream().map(RouteServer::routeServerId).toList());
            assertEquals(2, ec2.describeRouteServers(b -> b.filters(filter("state", "available"))).routeServers()
                    .size());
            fails("InvalidParameterValue", () -> ec2.describeRouteServers(b -> b.maxResults(4)));
            for (int i = 0; i < 4; i++) {
                ec2.createRouteServer(b -> b.amazonSideAsn(65100L));
            }
            var page = ec2.describeRouteServers(b -> b.maxResults(5));
            assertEquals(5, page.routeServers().size());
            assertEquals(1, ec2.describeRouteServers(b -> b.maxResults(5).nextToken(page.nextToken()))
                    .routeServers().size());
            assertEquals(6, ec2.describeRouteServersPaginator(b -> b.maxResults(5)).routeServers().stream().count());
            fails("InvalidRouteServerId.NotFound", () -> ec2.describeRouteServers(b -> b
                    .routeServerIds("rs-00000000000000000")));
            fails("DryRunOperation", 412, () -> ec2.describeRouteServers(b -> b.dryRun(true)));

            // ModifyRouteServer: persistence and SNS on the clock.
            fails("DryRunOperation", 412, () -> ec2.modifyRouteServer(b -> b.routeServerId(id).dryRun(true)
                    .persistRoutes("disable")));
            fails("InvalidParameterValue", () -> ec2.modifyRouteServer(b -> b.routeServerId(id)
                    .persistRoutesDuration(0L)));
            fails("InvalidParameterCombination", () -> ec2.modifyRouteServer(b -> b.routeServerId(second)
                    .persistRoutesDuration(3L)));
            fails("IncorrectState", () -> ec2.modifyRouteServer(b -> b.routeServerId(second).persistRoutes("reset")));
            fails("InvalidRouteServerId.NotFound", () -> ec2.modifyRouteServer(b -> b
                    .routeServerId("rs-00000000000000000").persistRoutes("enable")));
            RouteServer modified = ec2.modifyRouteServer(b -> b.routeServerId(id).persistRoutesDuration(5L))
                    .routeServer();
            assertEquals("modifying", modified.stateAsString());
            assertEquals(5L, modified.persistRoutesDuration());
            advance();
            RouteServer disabled = ec2.modifyRouteServer(b -> b.routeServerId(id).persistRoutes("disable")
                    .snsNotificationsEnabled(false)).routeServer();
            assertEquals("disabling", disabled.persistRoutesStateAsString());
            assertNull(disabled.snsTopicArn());
            assertFalse(sns.listTopics().topics().stream().anyMatch(t -> t.topicArn().equals(topic)));
            advance();
            RouteServer now = describe(ec2, id);
            assertEquals("available", now.stateAsString());
            assertEquals("disabled", now.persistRoutesStateAsString());
            assertNull(now.persistRoutesDuration());
            RouteServer enabling = ec2.modifyRouteServer(b -> b.routeServerId(id).persistRoutes("enable")
                    .snsNotificationsEnabled(true)).routeServer();
            assertEquals("enabling", enabling.persistRoutesStateAsString());
            assertEquals(1L, enabling.persistRoutesDuration());
            String newTopic = enabling.snsTopicArn();
            assertTrue(sns.listTopics().topics().stream().anyMatch(t -> t.topicArn().equals(newTopic)));
            advance();
            assertEquals("resetting", ec2.modifyRouteServer(b -> b.routeServerId(id).persistRoutes("reset"))
                    .routeServer().persistRoutesStateAsString());
            advance();
            assertEquals("enabled", describe(ec2, id).persistRoutesStateAsString());

            // Tags through CreateTags reach it like any EC2 resource.
            ec2.createTags(b -> b.resources(id).tags(Tag.builder().key("team").value("net").build()));
            assertTrue(describe(ec2, id).tags().stream().anyMatch(t -> t.key().equals("team")));

            // DeleteRouteServer: deleting, then deleted (still described), and its topic goes.
            fails("DryRunOperation", 412, () -> ec2.deleteRouteServer(b -> b.routeServerId(id).dryRun(true)));
            fails("InvalidRouteServerId.NotFound", () -> ec2.deleteRouteServer(b -> b
                    .routeServerId("rs-00000000000000000")));
            fails("MissingParameter", () -> ec2.deleteRouteServer(b -> { }));
            assertEquals("deleting", ec2.deleteRouteServer(b -> b.routeServerId(id)).routeServer().stateAsString());
            assertFalse(sns.listTopics().topics().stream().anyMatch(t -> t.topicArn().equals(newTopic)));
            advance();
            assertEquals("deleted", describe(ec2, id).stateAsString());
            fails("InvalidRouteServerId.NotFound", () -> ec2.deleteRouteServer(b -> b.routeServerId(id)));
            fails("InvalidRouteServerId.NotFound", () -> ec2.createTags(b -> b.resources(id)
                    .tags(Tag.builder().key("k").value("v").build())));
            gureum.context().clock().advance(Duration.ofHours(2));
            fails("InvalidRouteServerId.NotFound", () -> ec2.describeRouteServers(b -> b.routeServerIds(id)));
        }
    }

    @Test
    void associationEndpointsPeersAndPropagations() {
        String account = newAccount();
        try (Ec2Client ec2 = ec2(account)) {
            String vpc = ec2.createVpc(b -> b.cidrBlock("10.20.0.0/16")).vpc().vpcId();
            String subnet = ec2.createSubnet(b -> b.vpcId(vpc).cidrBlock("10.20.1.0/24")).subnet().subnetId();
            String otherVpc = ec2.createVpc(b -> b.cidrBlock("10.30.0.0/16")).vpc().vpcId();
            String otherSubnet = ec2.createSubnet(b -> b.vpcId(otherVpc).cidrBlock("10.30.1.0/24")).subnet()
                    .subnetId();
            String rtb = ec2.createRouteTable(b -> b.vpcId(vpc)).routeTable().routeTableId();
            String otherRtb = ec2.createRouteTable(b -> b.vpcId(otherVpc)).routeTable().routeTableId();
            String rs = ec2.createRouteServer(b -> b.amazonSideAsn(65000L)).routeServer().routeServerId();

            // Association: one VPC per route server, available route servers only.
            fails("IncorrectState", () -> ec2.associateRouteServer(b -> b.routeServerId(rs).vpcId(vpc)));
            advance();
            fails("InvalidVpcID.NotFound", () -> ec2.associateRouteServer(b -> b.routeServerId(rs)
                    .vpcId("vpc-00000000000000000")));
            fails("InvalidRouteServerId.NotFound", () -> ec2.associateRouteServer(b -> b
                    .routeServerId("rs-00000000000000000").vpcId(vpc)));
            fails("DryRunOperation", 412, () -> ec2.associateRouteServer(b -> b.routeServerId(rs).vpcId(vpc)
                    .dryRun(true)));
            assertTrue(ec2.getRouteServerAssociations(b -> b.routeServerId(rs)).routeServerAssociations().isEmpty());
            RouteServerAssociation a = ec2.associateRouteServer(b -> b.routeServerId(rs).vpcId(vpc))
                    .routeServerAssociation();
            assertEquals(rs, a.routeServerId());
            assertEquals(vpc, a.vpcId());
            assertEquals("associating", a.stateAsString());
            fails("Resource.AlreadyAssociated", () -> ec2.associateRouteServer(b -> b.routeServerId(rs)
                    .vpcId(otherVpc)));
            // Endpoints wait for the association.
            fails("IncorrectState", () -> ec2.createRouteServerEndpoint(b -> b.routeServerId(rs).subnetId(subnet)));
            advance();
            assertEquals("associated", ec2.getRouteServerAssociations(b -> b.routeServerId(rs))
                    .routeServerAssociations().get(0).stateAsString());
            fails("DryRunOperation", 412, () -> ec2.getRouteServerAssociations(b -> b.routeServerId(rs)
                    .dryRun(true)));
            fails("InvalidRouteServerId.NotFound", () -> ec2.getRouteServerAssociations(b -> b
                    .routeServerId("rs-00000000000000000")));
            // A VPC with a route server is not deleted.
            fails("DependencyViolation", () -> ec2.deleteVpc(b -> b.vpcId(vpc)));

            // Endpoints: in a subnet of the associated VPC, on a managed interface with an address of the subnet.
            fails("InvalidParameterValue", () -> ec2.createRouteServerEndpoint(b -> b.routeServerId(rs)
                    .subnetId(otherSubnet)));
            fails("InvalidSubnetID.NotFound", () -> ec2.createRouteServerEndpoint(b -> b.routeServerId(rs)
                    .subnetId("subnet-00000000000000000")));
            fails("MissingParameter", () -> ec2.createRouteServerEndpoint(b -> b.subnetId(subnet)));
            fails("DryRunOperation", 412, () -> ec2.createRouteServerEndpoint(b -> b.routeServerId(rs)
                    .subnetId(subnet).dryRun(true)));
            RouteServerEndpoint e = ec2.createRouteServerEndpoint(b -> b.routeServerId(rs).subnetId(subnet)
                    .clientToken("rse-token").tagSpecifications(tags("route-server-endpoint", "ep")))
                    .routeServerEndpoint();
            String ep = e.routeServerEndpointId();
            assertTrue(ep.matches("rse-[0-9a-f]{17}"), ep);
            assertEquals("pending", e.stateAsString());
            assertEquals(vpc, e.vpcId());
            assertEquals(subnet, e.subnetId());
            assertTrue(e.eniAddress().startsWith("10.20.1."), e.eniAddress());
            NetworkInterface eni = ec2.describeNetworkInterfaces(b -> b.networkInterfaceIds(e.eniId()))
                    .networkInterfaces().get(0);
            assertEquals(e.eniAddress(), eni.privateIpAddress());
            assertEquals(subnet, eni.subnetId());
            assertTrue(eni.requesterManaged());
            assertEquals(ep, ec2.createRouteServerEndpoint(b -> b.routeServerId(rs).subnetId(subnet)
                    .clientToken("rse-token")).routeServerEndpoint().routeServerEndpointId());
            fails("IdempotentParameterMismatch", () -> ec2.createRouteServerEndpoint(b -> b.routeServerId(rs)
                    .subnetId(otherSubnet).clientToken("rse-token")));
            // The endpoint's interface is AWS's to delete, and holds its subnet.
            fails("InvalidNetworkInterface.InUse", () -> ec2.deleteNetworkInterface(b -> b
                    .networkInterfaceId(e.eniId())));
            fails("DependencyViolation", () -> ec2.deleteSubnet(b -> b.subnetId(subnet)));
            // Peers wait for an available endpoint.
            fails("IncorrectState", () -> ec2.createRouteServerPeer(b -> b.routeServerEndpointId(ep)
                    .peerAddress("10.20.1.100").bgpOptions(o -> o.peerAsn(65001L))));
            advance();
            assertEquals("available", ec2.describeRouteServerEndpoints(b -> b.routeServerEndpointIds(ep))
                    .routeServerEndpoints().get(0).stateAsString());
            assertEquals(List.of(ep), ec2.describeRouteServerEndpoints(b -> b.filters(filter("route-server-id", rs),
                    filter("tag:Name", "ep"))).routeServerEndpoints().stream()
                    .map(RouteServerEndpoint::routeServerEndpointId).toList());
            assertTrue(ec2.describeRouteServerEndpoints(b -> b.filters(filter("subnet-id", otherSubnet)))
                    .routeServerEndpoints().isEmpty());
            fails("InvalidRouteServerEndpointId.NotFound", () -> ec2.describeRouteServerEndpoints(b -> b
                    .routeServerEndpointIds("rse-00000000000000000")));
            fails("DryRunOperation", 412, () -> ec2.describeRouteServerEndpoints(b -> b.dryRun(true)));
            fails("InvalidParameterValue", () -> ec2.describeRouteServerEndpoints(b -> b.maxResults(1001)));

            // Peers: an IPv4 address in the VPC, an ASN, liveness detection; the BGP session stays down.
            fails("MissingParameter", () -> ec2.createRouteServerPeer(b -> b.routeServerEndpointId(ep)
                    .bgpOptions(o -> o.peerAsn(65001L))));
            fails("MissingParameter", () -> ec2.createRouteServerPeer(b -> b.routeServerEndpointId(ep)
                    .peerAddress("10.20.1.100")));
            fails("InvalidParameterValue", () -> ec2.createRouteServerPeer(b -> b.routeServerEndpointId(ep)
                    .peerAddress("10.20.1.100").bgpOptions(o -> o.peerAsn(0L))));
            fails("InvalidParameterValue", () -> ec2.createRouteServerPeer(b -> b.routeServerEndpointId(ep)
                    .peerAddress("not-an-address").bgpOptions(o -> o.peerAsn(65001L))));
            fails("InvalidParameterValue", () -> ec2.createRouteServerPeer(b -> b.routeServerEndpointId(ep)
                    .peerAddress("192.168.0.10").bgpOptions(o -> o.peerAsn(65001L))));
            fails("InvalidParameterValue", () -> ec2.createRouteServerPeer(b -> b.routeServerEndpointId(ep)
                    .peerAddress(e.eniAddress()).bgpOptions(o -> o.peerAsn(65001L))));
            fails("InvalidRouteServerEndpointId.NotFound", () -> ec2.createRouteServerPeer(b -> b
                    .routeServerEndpointId("rse-00000000000000000").peerAddress("10.20.1.100")
                    .bgpOptions(o -> o.peerAsn(65001L))));
            fails("DryRunOperation", 412, () -> ec2.createRouteServerPeer(b -> b.routeServerEndpointId(ep)
                    .peerAddress("10.20.1.100").bgpOptions(o -> o.peerAsn(65001L)).dryRun(true)));
            RouteServerPeer p = ec2.createRouteServerPeer(b -> b.routeServerEndpointId(ep).peerAddress("10.20.1.100")
                    .bgpOptions(o -> o.peerAsn(65001L).peerLivenessDetection("bfd"))
                    .tagSpecifications(tags("route-server-peer", "appliance"))).routeServerPeer();
            String peer = p.routeServerPeerId();
            assertTrue(peer.matches("rsp-[0-9a-f]{17}"), peer);
            assertEquals("pending", p.stateAsString());
            assertEquals(rs, p.routeServerId());
            assertEquals(vpc, p.vpcId());
            assertEquals(subnet, p.subnetId());
            assertEquals(e.eniId(), p.endpointEniId());
            assertEquals(e.eniAddress(), p.endpointEniAddress());
            assertEquals(65001L, p.bgpOptions().peerAsn());
            assertEquals("bfd", p.bgpOptions().peerLivenessDetectionAsString());
            assertEquals("down", p.bgpStatus().statusAsString());
            assertEquals("down", p.bfdStatus().statusAsString());
            fails("InvalidParameterValue", () -> ec2.createRouteServerPeer(b -> b.routeServerEndpointId(ep)
                    .peerAddress("10.20.1.100").bgpOptions(o -> o.peerAsn(65002L))));
            String keepalive = ec2.createRouteServerPeer(b -> b.routeServerEndpointId(ep).peerAddress("10.20.1.101")
                    .bgpOptions(o -> o.peerAsn(65002L))).routeServerPeer().routeServerPeerId();
            advance();
            RouteServerPeer described = ec2.describeRouteServerPeers(b -> b.routeServerPeerIds(keepalive))
                    .routeServerPeers().get(0);
            assertEquals("available", described.stateAsString());
            assertEquals("bgp-keepalive", described.bgpOptions().peerLivenessDetectionAsString());
            assertEquals("down", described.bgpStatus().statusAsString());
            assertEquals(List.of(peer), ec2.describeRouteServerPeers(b -> b.filters(filter(
                    "bgp-options.peer-liveness-detection", "bfd"))).routeServerPeers().stream()
                    .map(RouteServerPeer::routeServerPeerId).toList());
            assertEquals(2, ec2.describeRouteServerPeers(b -> b.filters(filter("route-server-endpoint-id", ep)))
                    .routeServerPeers().size());
            fails("InvalidRouteServerPeerId.NotFound", () -> ec2.describeRouteServerPeers(b -> b
                    .routeServerPeerIds("rsp-00000000000000000")));
            fails("DryRunOperation", 412, () -> ec2.describeRouteServerPeers(b -> b.dryRun(true)));

            // Propagations: route tables of the associated VPC.
            fails("InvalidParameterValue", () -> ec2.enableRouteServerPropagation(b -> b.routeServerId(rs)
                    .routeTableId(otherRtb)));
            fails("InvalidRouteTableID.NotFound", () -> ec2.enableRouteServerPropagation(b -> b.routeServerId(rs)
                    .routeTableId("rtb-00000000000000000")));
            fails("DryRunOperation", 412, () -> ec2.enableRouteServerPropagation(b -> b.routeServerId(rs)
                    .routeTableId(rtb).dryRun(true)));
            RouteServerPropagation prop = ec2.enableRouteServerPropagation(b -> b.routeServerId(rs)
                    .routeTableId(rtb)).routeServerPropagation();
            assertEquals("pending", prop.stateAsString());
            assertEquals(rtb, prop.routeTableId());
            fails("IncorrectState", () -> ec2.enableRouteServerPropagation(b -> b.routeServerId(rs)
                    .routeTableId(rtb)));
            advance();
            assertEquals("available", ec2.getRouteServerPropagations(b -> b.routeServerId(rs).routeTableId(rtb))
                    .routeServerPropagations().get(0).stateAsString());
            assertTrue(ec2.getRouteServerPropagations(b -> b.routeServerId(rs).routeTableId(otherRtb))
                    .routeServerPropagations().isEmpty());
            fails("DryRunOperation", 412, () -> ec2.getRouteServerPropagations(b -> b.routeServerId(rs)
                    .dryRun(true)));

            // The routing database: empty, as no BGP session is ever up.
            GetRouteServerRoutingDatabaseResponse db = ec2.getRouteServerRoutingDatabase(b -> b.routeServerId(rs)
                    .filters(filter("route-status", "in-fib")));
            assertTrue(db.routes().isEmpty());
            assertFalse(db.areRoutesPersisted());
            fails("InvalidParameterValue", () -> ec2.getRouteServerRoutingDatabase(b -> b.routeServerId(rs)
                    .maxResults(2)));
            fails("DryRunOperation", 412, () -> ec2.getRouteServerRoutingDatabase(b -> b.routeServerId(rs)
                    .dryRun(true)));

            // Tear down in order: each step refuses while the next level still exists.
            fails("IncorrectState", () -> ec2.deleteRouteServer(b -> b.routeServerId(rs)));
            fails("IncorrectState", () -> ec2.disassociateRouteServer(b -> b.routeServerId(rs).vpcId(vpc)));
            fails("IncorrectState", () -> ec2.deleteRouteServerEndpoint(b -> b.routeServerEndpointId(ep)));
            fails("DryRunOperation", 412, () -> ec2.deleteRouteServerPeer(b -> b.routeServerPeerId(peer)
                    .dryRun(true)));
            assertEquals("deleting", ec2.deleteRouteServerPeer(b -> b.routeServerPeerId(peer)).routeServerPeer()
                    .stateAsString());
            ec2.deleteRouteServerPeer(b -> b.routeServerPeerId(keepalive));
            fails("InvalidRouteServerPeerId.NotFound", () -> ec2.deleteRouteServerPeer(b -> b
                    .routeServerPeerId("rsp-00000000000000000")));
            fails("DryRunOperation", 412, () -> ec2.deleteRouteServerEndpoint(b -> b.routeServerEndpointId(ep)
                    .dryRun(true)));
            assertEquals("deleting", ec2.deleteRouteServerEndpoint(b -> b.routeServerEndpointId(ep))
                    .routeServerEndpoint().stateAsString());
            assertTrue(ec2.describeNetworkInterfaces(b -> b.filters(filter("network-interface-id", e.eniId())))
                    .networkInterfaces().isEmpty());
            fails("InvalidRouteServerEndpointId.NotFound", () -> ec2.deleteRouteServerEndpoint(b -> b
                    .routeServerEndpointId("rse-00000000000000000")));
            fails("IncorrectState", () -> ec2.disassociateRouteServer(b -> b.routeServerId(rs).vpcId(vpc)));
            fails("InvalidParameterValue", () -> ec2.disableRouteServerPropagation(b -> b.routeServerId(rs)
                    .routeTableId(otherRtb)));
            fails("DryRunOperation", 412, () -> ec2.disableRouteServerPropagation(b -> b.routeServerId(rs)
                    .routeTableId(rtb).dryRun(true)));
            assertEquals("deleting", ec2.disableRouteServerPropagation(b -> b.routeServerId(rs).routeTableId(rtb))
                    .routeServerPropagation().stateAsString());
            advance();
            assertEquals("deleted", ec2.describeRouteServerPeers(b -> b.routeServerPeerIds(peer)).routeServerPeers()
                    .get(0).stateAsString());
            assertEquals("deleted", ec2.describeRouteServerEndpoints(b -> b.routeServerEndpointIds(ep))
                    .routeServerEndpoints().get(0).stateAsString());
            assertTrue(ec2.getRouteServerPropagations(b -> b.routeServerId(rs)).routeServerPropagations().isEmpty());
            fails("InvalidAssociation.NotFound", () -> ec2.disassociateRouteServer(b -> b.routeServerId(rs)
                    .vpcId(otherVpc)));
            fails("DryRunOperation", 412, () -> ec2.disassociateRouteServer(b -> b.routeServerId(rs).vpcId(vpc)
                    .dryRun(true)));
            assertEquals("disassociating", ec2.disassociateRouteServer(b -> b.routeServerId(rs).vpcId(vpc))
                    .routeServerAssociation().stateAsString());
            advance();
            assertTrue(ec2.getRouteServerAssociations(b -> b.routeServerId(rs)).routeServerAssociations().isEmpty());
            ec2.deleteRouteServer(b -> b.routeServerId(rs));
            ec2.deleteSubnet(b -> b.subnetId(subnet));
            ec2.deleteRouteTable(b -> b.routeTableId(rtb));
            ec2.deleteVpc(b -> b.vpcId(vpc));
        }
    }
}
