package io.gureum.cloudformation.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.ec2.model.RouteServer;
import software.amazon.awssdk.services.ec2.model.RouteServerEndpoint;
import software.amazon.awssdk.services.ec2.model.RouteServerPeer;

/**
 * AWS::EC2::RouteServer, RouteServerAssociation, RouteServerEndpoint, RouteServerPeer and RouteServerPropagation
 * deployed, updated in place (persistence, SNS notifications, tags) and deleted through CloudFormation, checked
 * through EC2.
 */
class Ec2RouteServerTypesIT extends EndToEndSupport {

    private static String reasons(String stack) {
        return cfn.describeStackEvents(b -> b.stackName(stack)).stackEvents().stream()
                .filter(e -> e.resourceStatusReason() != null)
                .map(e -> e.logicalResourceId() + " " + e.resourceStatusAsString() + ": " + e.resourceStatusReason())
                .collect(Collectors.joining("\n"));
    }

    private static final String TEMPLATE = """
            Parameters:
              Persist: {Type: String, Default: enable}
              Sns: {Type: String, Default: 'true'}
              Team: {Type: String, Default: net}
            Resources:
              Vpc:
                Type: AWS::EC2::VPC
                Properties: {CidrBlock: 10.50.0.0/16}
              Subnet:
                Type: AWS::EC2::Subnet
                Properties: {VpcId: !Ref Vpc, CidrBlock: 10.50.1.0/24}
              Rtb:
                Type: AWS::EC2::RouteTable
                Properties: {VpcId: !Ref Vpc}
              Server:
                Type: AWS::EC2::RouteServer
                Properties:
                  AmazonSideAsn: 65050
                  PersistRoutes: !Ref Persist
                  SnsNotificationsEnabled: !Ref Sns
                  Tags: [{Key: team, Value: !Ref Team}]
              Association:
                Type: AWS::EC2::RouteServerAssociation
                Properties: {RouteServerId: !Ref Server, VpcId: !Ref Vpc}
              Endpoint:
                Type: AWS::EC2::RouteServerEndpoint
                DependsOn: Association
                Properties:
                  RouteServerId: !Ref Server
                  SubnetId: !Ref Subnet
                  Tags: [{Key: Name, Value: ep}]
              Peer:
                Type: AWS::EC2::RouteServerPeer
                Properties:
                  RouteServerEndpointId: !Ref Endpoint
                  PeerAddress: 10.50.1.200
                  BgpOptions: {PeerAsn: 65051, PeerLivenessDetection: bfd}
              Propagation:
                Type: AWS::EC2::RouteServerPropagation
                DependsOn: Association
                Properties: {RouteServerId: !Ref Server, RouteTableId: !Ref Rtb}
            Outputs:
              Vpc: {Value: !Ref Vpc}
              Subnet: {Value: !Ref Subnet}
              Rtb: {Value: !Ref Rtb}
              Server: {Value: !Ref Server}
              ServerId: {Value: !GetAtt Server.Id}
              ServerArn: {Value: !GetAtt Server.Arn}
              Association: {Value: !Ref Association}
              Endpoint: {Value: !Ref Endpoint}
              EndpointArn: {Value: !GetAtt Endpoint.Arn}
              EndpointEni: {Value: !GetAtt Endpoint.EniId}
              EndpointAddress: {Value: !GetAtt Endpoint.EniAddress}
              EndpointVpc: {Value: !GetAtt Endpoint.VpcId}
              Peer: {Value: !Ref Peer}
              PeerId: {Value: !GetAtt Peer.Id}
              PeerArn: {Value: !GetAtt Peer.Arn}
              PeerServer: {Value: !GetAtt Peer.RouteServerId}
              PeerEni: {Value: !GetAtt Peer.EndpointEniId}
              PeerEniAddress: {Value: !GetAtt Peer.EndpointEniAddress}
              PeerSubnet: {Value: !GetAtt Peer.SubnetId}
              PeerVpc: {Value: !GetAtt Peer.VpcId}
              Propagation: {Value: !Ref Propagation}
            """;

    @Test
    void deployUpdateAndDelete() {
        String name = unique("routeserver");
        String id = cfn.createStack(b -> b.stackName(name).templateBody(TEMPLATE)).stackId();
        Stack s = settle(id);
        assertEquals("CREATE_COMPLETE", s.stackStatusAsString(), reasons(id));
        String account = id.split(":")[4];
        String region = id.split(":")[3];
        String vpc = output(s, "Vpc");
        String subnet = output(s, "Subnet");
        String rtb = output(s, "Rtb");

        String server = output(s, "Server");
        assertTrue(server.startsWith("rs-"), server);
        assertEquals(server, output(s, "ServerId"));
        assertEquals("arn:aws:ec2:" + region + ":" + account + ":route-server/" + server, output(s, "ServerArn"));
        RouteServer rs = ec2.describeRouteServers(b -> b.routeServerIds(server)).routeServers().get(0);
        assertEquals(65050L, rs.amazonSideAsn());
        assertEquals("available", rs.stateAsString());
        assertEquals("enabled", rs.persistRoutesStateAsString());
        assertTrue(rs.snsNotificationsEnabled());
        assertTrue(rs.snsTopicArn().startsWith("arn:aws:sns:"), rs.snsTopicArn());
        assertTrue(rs.tags().stream().anyMatch(t -> t.key().equals("team") && t.value().equals("net")));
        assertTrue(rs.tags().stream().anyMatch(t -> t.key().equals("aws:cloudformation:logical-id")
                && t.value().equals("Server")));

        assertEquals(server + "|" + vpc, output(s, "Association"));
        assertEquals("associated", ec2.getRouteServerAssociations(b -> b.routeServerId(server))
                .routeServerAssociations().get(0).stateAsString());

        String endpoint = output(s, "Endpoint");
        assertTrue(endpoint.startsWith("rse-"), endpoint);
        assertEquals("arn:aws:ec2:" + region + ":" + account + ":route-server-endpoint/" + endpoint,
                output(s, "EndpointArn"));
        RouteServerEndpoint e = ec2.describeRouteServerEndpoints(b -> b.routeServerEndpointIds(endpoint))
                .routeServerEndpoints().get(0);
        assertEquals("available", e.stateAsString());
        assertEquals(subnet, e.subnetId());
        assertEquals(e.eniId(), output(s, "EndpointEni"));
        assertEquals(e.eniAddress(), output(s, "EndpointAddress"));
        assertEquals(vpc, output(s, "EndpointVpc"));

        String peer = output(s, "Peer");
        assertTrue(peer.startsWith("rsp-"), peer);
        assertEquals(peer, output(s, "PeerId"));
        assertEquals("arn:aws:ec2:" + region + ":" + account + ":route-server-peer/" + peer, output(s, "PeerArn"));
        assertEquals(server, output(s, "PeerServer"));
        assertEquals(e.eniId(), output(s, "PeerEni"));
        assertEquals(e.eniAddress(), output(s, "PeerEniAddress"));
        assertEquals(subnet, output(s, "PeerSubnet"));
        assertEquals(vpc, output(s, "PeerVpc"));
        RouteServerPeer p = ec2.describeRouteServerPeers(b -> b.routeServerPeerIds(peer)).routeServerPeers().get(0);
        assertEquals("10.50.1.200", p.peerAddress());
        assertEquals(65051L, p.bgpOptions().peerAsn());
        assertEquals("bfd", p.bgpOptions().peerLivenessDetectionAsString());
        assertEquals("down", p.bgpStatus().statusAsString());

        assertEquals(server + "|" + rtb, output(s, "Propagation"));
        assertEquals("available", ec2.getRouteServerPropagations(b -> b.routeServerId(server))
                .routeServerPropagations().get(0).stateAsString());

        // In place: persistence off, SNS off (its topic goes), a tag changed; nothing is replaced.
        cfn.updateStack(b -> b.stackName(id).templateBody(TEMPLATE).parameters(
                Parameter.builder().parameterKey("Persist").parameterValue("disable").build(),
                Parameter.builder().parameterKey("Sns").parameterValue("false").build(),
                Parameter.builder().parameterKey("Team").parameterValue("infra").build()));
        Stack updated = settle(id);
        assertEquals("UPDATE_COMPLETE", updated.stackStatusAsString(), reasons(id));
        assertEquals(server, output(updated, "Server"));
        RouteServer after = ec2.describeRouteServers(b -> b.routeServerIds(server)).routeServers().get(0);
        assertEquals("disabled", after.persistRoutesStateAsString());
        assertFalse(after.snsNotificationsEnabled());
        assertNull(after.snsTopicArn());
        assertTrue(after.tags().stream().anyMatch(t -> t.key().equals("team") && t.value().equals("infra")));

        cfn.deleteStack(b -> b.stackName(id));
        Stack gone = settle(id);
        assertEquals("DELETE_COMPLETE", gone.stackStatusAsString(), reasons(id));
        assertEquals("deleted", ec2.describeRouteServers(b -> b.routeServerIds(server)).routeServers().get(0)
                .stateAsString());
        assertEquals("deleted", ec2.describeRouteServerEndpoints(b -> b.routeServerEndpointIds(endpoint))
                .routeServerEndpoints().get(0).stateAsString());
        assertEquals("deleted", ec2.describeRouteServerPeers(b -> b.routeServerPeerIds(peer)).routeServerPeers()
                .get(0).stateAsString());
        assertTrue(ec2.describeVpcs(b -> b.filters(filter("vpc-id", vpc))).vpcs().isEmpty());
    }
}
