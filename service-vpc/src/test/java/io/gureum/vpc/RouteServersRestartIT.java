package io.gureum.vpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.Gureum;
import io.gureum.core.GureumConfig;
import io.gureum.core.testing.AwsClients;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.RouteServer;
import software.amazon.awssdk.services.ec2.model.RouteServerEndpoint;
import software.amazon.awssdk.services.ec2.model.RouteServerPeer;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * A route server with its association, endpoint (and the endpoint's interface), peer and propagation after a
 * restart on --data-dir.
 */
class RouteServersRestartIT {
    private static final String ACCOUNT = "123456789012";
    private static final String REGION = "ap-northeast-2";

    @TempDir
    Path dataDir;

    private static Gureum start(Path dir, boolean compacting) {
        if (compacting) {
            System.setProperty("gureum.compactBytes", "1");
        }
        try {
            return Gureum.start(GureumConfig.builder().port(0).dataDir(dir).services("ec2", "sns").build());
        } finally {
            System.clearProperty("gureum.compactBytes");
        }
    }

    private static Ec2Client ec2(Gureum g) {
        return AwsClients.client(Ec2Client.builder(), g.endpoint(), ACCOUNT, REGION);
    }

    @Test
    void surviveARestart() {
        // Recorded through the journal; the snapshot path writes the same records (VpcRecords#capture), and the
        // other restart tests of the module compact already.
        survive(dataDir, false);
    }

    private static void survive(Path dir, boolean compacting) {
        RouteServer rs;
        RouteServerEndpoint endpoint;
        RouteServerPeer peer;
        String vpc;
        String subnet;
        String rtb;
        try (Gureum g = start(dir, compacting); Ec2Client ec2 = ec2(g)) {
            vpc = ec2.createVpc(b -> b.cidrBlock("10.70.0.0/16")).vpc().vpcId();
            subnet = ec2.createSubnet(b -> b.vpcId(vpc).cidrBlock("10.70.1.0/24")).subnet().subnetId();
            rtb = ec2.createRouteTable(b -> b.vpcId(vpc)).routeTable().routeTableId();
            String id = ec2.createRouteServer(b -> b.amazonSideAsn(65070L).persistRoutes("enable")
                    .persistRoutesDuration(3L).snsNotificationsEnabled(true).tagSpecifications(TagSpecification
                            .builder().resourceType("route-server").tags(Tag.builder().key("Name").value("kept")
                                    .build()).build())).routeServer().routeServerId();
            g.context().clock().advance(Duration.ofSeconds(3));
            ec2.associateRouteServer(b -> b.routeServerId(id).vpcId(vpc));
            g.context().clock().advance(Duration.ofSeconds(3));
            String ep = ec2.createRouteServerEndpoint(b -> b.routeServerId(id).subnetId(subnet))
                    .routeServerEndpoint().routeServerEndpointId();
            g.context().clock().advance(Duration.ofSeconds(3));
            ec2.createRouteServerPeer(b -> b.routeServerEndpointId(ep).peerAddress("10.70.1.50")
                    .bgpOptions(o -> o.peerAsn(65071L).peerLivenessDetection("bfd")));
            ec2.enableRouteServerPropagation(b -> b.routeServerId(id).routeTableId(rtb));
            g.context().clock().advance(Duration.ofSeconds(3));
            rs = ec2.describeRouteServers(b -> b.routeServerIds(id)).routeServers().get(0);
            endpoint = ec2.describeRouteServerEndpoints(b -> b.routeServerEndpointIds(ep)).routeServerEndpoints()
                    .get(0);
            peer = ec2.describeRouteServerPeers(b -> { }).routeServerPeers().get(0);
        }
        try (Gureum g = start(dir, false); Ec2Client ec2 = ec2(g);
                SnsClient sns = AwsClients.client(SnsClient.builder(), g.endpoint(), ACCOUNT, REGION)) {
            assertEquals(rs, ec2.describeRouteServers(b -> b.routeServerIds(rs.routeServerId())).routeServers()
                    .get(0));
            assertEquals(endpoint, ec2.describeRouteServerEndpoints(b -> b.routeServerEndpointIds(endpoint
                    .routeServerEndpointId())).routeServerEndpoints().get(0));
            assertEquals(peer, ec2.describeRouteServerPeers(b -> b.routeServerPeerIds(peer.routeServerPeerId()))
                    .routeServerPeers().get(0));
            assertEquals("associated", ec2.getRouteServerAssociations(b -> b.routeServerId(rs.routeServerId()))
                    .routeServerAssociations().get(0).stateAsString());
            assertEquals("available", ec2.getRouteServerPropagations(b -> b.routeServerId(rs.routeServerId()))
                    .routeServerPropagations().get(0).stateAsString());
            assertEquals(endpoint.eniAddress(), ec2.describeNetworkInterfaces(b -> b.networkInterfaceIds(endpoint
                    .eniId())).networkInterfaces().get(0).privateIpAddress());
            assertTrue(sns.listTopics().topics().stream().anyMatch(t -> t.topicArn().equals(rs.snsTopicArn())));
            // The endpoint's address stays taken in its subnet after the restart.
            String other = ec2.createRouteServerEndpoint(b -> b.routeServerId(rs.routeServerId()).subnetId(subnet))
                    .routeServerEndpoint().eniAddress();
            assertTrue(!other.equals(endpoint.eniAddress()), other);
        }
    }
}
