package io.gureum.cloudformation.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TransitGateway;
import software.amazon.awssdk.services.ec2.model.TransitGatewayVpcAttachment;

/**
 * AWS::EC2::TransitGateway and both VPC attachment types updated in place (ModifyTransitGateway,
 * ModifyTransitGatewayVpcAttachment), and TransitGatewayPeeringAttachment, TransitGatewayConnect and
 * TransitGatewayConnectPeer created, retagged and deleted, each read back through EC2.
 */
class TransitGatewayTypesIT extends EndToEndSupport {
    private static final String TEMPLATE = """
            Parameters:
              Stage: {Type: String, AllowedValues: [one, two]}
            Conditions:
              Two: !Equals [!Ref Stage, two]
            Resources:
              Vpc:
                Type: AWS::EC2::VPC
                Properties: {CidrBlock: 10.50.0.0/16}
              SubnetA:
                Type: AWS::EC2::Subnet
                Properties: {VpcId: !Ref Vpc, CidrBlock: 10.50.1.0/24, AvailabilityZone: !Select [0, !GetAZs '']}
              SubnetB:
                Type: AWS::EC2::Subnet
                Properties: {VpcId: !Ref Vpc, CidrBlock: 10.50.2.0/24, AvailabilityZone: !Select [1, !GetAZs '']}
              Vpc2:
                Type: AWS::EC2::VPC
                Properties: {CidrBlock: 10.51.0.0/16}
              Subnet2A:
                Type: AWS::EC2::Subnet
                Properties: {VpcId: !Ref Vpc2, CidrBlock: 10.51.1.0/24, AvailabilityZone: !Select [0, !GetAZs '']}
              Subnet2B:
                Type: AWS::EC2::Subnet
                Properties: {VpcId: !Ref Vpc2, CidrBlock: 10.51.2.0/24, AvailabilityZone: !Select [1, !GetAZs '']}
              Tgw:
                Type: AWS::EC2::TransitGateway
                Properties:
                  Description: !If [Two, core, hub]
                  DnsSupport: !If [Two, disable, enable]
                  TransitGatewayCidrBlocks: !If [Two, [192.0.2.0/24, 198.51.100.0/24], [192.0.2.0/24]]
                  Tags: [{Key: stage, Value: !Ref Stage}]
              Tgw2:
                Type: AWS::EC2::TransitGateway
                Properties: {Description: far}
              OldAttachment:
                Type: AWS::EC2::TransitGatewayAttachment
                Properties:
                  TransitGatewayId: !Ref Tgw
                  VpcId: !Ref Vpc
                  SubnetIds: !If [Two, [!Ref SubnetA, !Ref SubnetB], [!Ref SubnetA]]
                  Options: {ApplianceModeSupport: !If [Two, enable, disable]}
              VpcAttachment:
                Type: AWS::EC2::TransitGatewayVpcAttachment
                Properties:
                  TransitGatewayId: !Ref Tgw
                  VpcId: !Ref Vpc2
                  SubnetIds: [!Ref Subnet2A]
                  AddSubnetIds: !If [Two, [!Ref Subnet2B], !Ref 'AWS::NoValue']
                  Options: {DnsSupport: !If [Two, disable, enable]}
              Peering:
                Type: AWS::EC2::TransitGatewayPeeringAttachment
                Properties:
                  TransitGatewayId: !Ref Tgw
                  PeerTransitGatewayId: !Ref Tgw2
                  PeerAccountId: !Ref 'AWS::AccountId'
                  PeerRegion: !Ref 'AWS::Region'
                  Tags: [{Key: stage, Value: !Ref Stage}]
              Connect:
                Type: AWS::EC2::TransitGatewayConnect
                Properties:
                  TransportTransitGatewayAttachmentId: !Ref VpcAttachment
                  Options: {Protocol: gre}
                  Tags: [{Key: stage, Value: !Ref Stage}]
              ConnectPeer:
                Type: AWS::EC2::TransitGatewayConnectPeer
                Properties:
                  TransitGatewayAttachmentId: !Ref Connect
                  ConnectPeerConfiguration:
                    PeerAddress: 10.51.1.10
                    InsideCidrBlocks: [169.254.10.0/29]
                    BgpConfigurations: [{PeerAsn: 65000}]
                  Tags: [{Key: stage, Value: !Ref Stage}]
            Outputs:
              Tgw: {Value: !Ref Tgw}
              Tgw2: {Value: !Ref Tgw2}
              OldAttachment: {Value: !Ref OldAttachment}
              VpcAttachment: {Value: !Ref VpcAttachment}
              Subnet2B: {Value: !Ref Subnet2B}
              SubnetB: {Value: !Ref SubnetB}
              Peering: {Value: !Ref Peering}
              PeeringId: {Value: !GetAtt Peering.TransitGatewayAttachmentId}
              PeeringState: {Value: !GetAtt Peering.State}
              PeeringStatus: {Value: !GetAtt Peering.Status.Code}
              Connect: {Value: !Ref Connect}
              ConnectTgw: {Value: !GetAtt Connect.TransitGatewayId}
              ConnectState: {Value: !GetAtt Connect.State}
              ConnectPeer: {Value: !Ref ConnectPeer}
              ConnectPeerId: {Value: !GetAtt ConnectPeer.TransitGatewayConnectPeerId}
              ConnectPeerProtocol: {Value: !GetAtt ConnectPeer.ConnectPeerConfiguration.Protocol}
              ConnectPeerState: {Value: !GetAtt ConnectPeer.State}
            """;

    private static List<Parameter> stage(String stage) {
        return List.of(Parameter.builder().parameterKey("Stage").parameterValue(stage).build());
    }

    private static Stack settled(String stack, String expected) {
        Stack s = settle(stack);
        assertEquals(expected, s.stackStatusAsString(), cfn.describeStackEvents(b -> b.stackName(stack)).stackEvents()
                .stream().filter(e -> e.resourceStatusReason() != null).map(e -> e.logicalResourceId() + ": "
                        + e.resourceStatusReason()).collect(Collectors.joining("\n")));
        return s;
    }

    private static String tag(List<Tag> tags, String key) {
        return tags.stream().filter(t -> t.key().equals(key)).map(Tag::value).findFirst().orElse(null);
    }

    private static TransitGateway tgw(String id) {
        return ec2.describeTransitGateways(b -> b.transitGatewayIds(id)).transitGateways().get(0);
    }

    private static TransitGatewayVpcAttachment attachment(String id) {
        return ec2.describeTransitGatewayVpcAttachments(b -> b.transitGatewayAttachmentIds(id))
                .transitGatewayVpcAttachments().get(0);
    }

    @Test
    void transitGatewayTypesAreCreatedModifiedInPlaceAndDeleted() {
        String name = unique("tgw-types");
        String stackId = cfn.createStack(b -> b.stackName(name).templateBody(TEMPLATE).parameters(stage("one")))
                .stackId();
        Stack one = settled(name, "CREATE_COMPLETE");
        String tgwId = output(one, "Tgw");
        assertEquals("hub", tgw(tgwId).description());
        assertEquals(List.of("192.0.2.0/24"), tgw(tgwId).options().transitGatewayCidrBlocks());
        String old = output(one, "OldAttachment");
        String vpcAtt = output(one, "VpcAttachment");
        assertEquals(1, attachment(old).subnetIds().size());
        assertEquals(1, attachment(vpcAtt).subnetIds().size());

        String peering = output(one, "Peering");
        assertEquals(peering, output(one, "PeeringId"));
        assertEquals("pendingAcceptance", output(one, "PeeringState"));
        assertEquals("pendingAcceptance", output(one, "PeeringStatus"));
        var p = ec2.describeTransitGatewayPeeringAttachments(b -> b.transitGatewayAttachmentIds(peering))
                .transitGatewayPeeringAttachments().get(0);
        assertEquals(output(one, "Tgw2"), p.accepterTgwInfo().transitGatewayId());
        assertEquals("one", tag(p.tags(), "stage"));

        String connect = output(one, "Connect");
        assertEquals(tgwId, output(one, "ConnectTgw"));
        assertEquals("available", output(one, "ConnectState"));
        assertEquals(vpcAtt, ec2.describeTransitGatewayConnects(b -> b.transitGatewayAttachmentIds(connect))
                .transitGatewayConnects().get(0).transportTransitGatewayAttachmentId());
        String peer = output(one, "ConnectPeer");
        assertEquals(peer, output(one, "ConnectPeerId"));
        assertEquals("gre", output(one, "ConnectPeerProtocol"));
        assertEquals("available", output(one, "ConnectPeerState"));
        var peerConfig = ec2.describeTransitGatewayConnectPeers(b -> b.transitGatewayConnectPeerIds(peer))
                .transitGatewayConnectPeers().get(0).connectPeerConfiguration();
        assertEquals("192.0.2.0", peerConfig.transitGatewayAddress());
        assertEquals(65000L, peerConfig.bgpConfigurations().get(0).peerAsn());

        // In place: ModifyTransitGateway and ModifyTransitGatewayVpcAttachment; tags of the new types.
        cfn.updateStack(b -> b.stackName(name).templateBody(TEMPLATE).parameters(stage("two")));
        Stack two = settled(name, "UPDATE_COMPLETE");
        assertEquals(tgwId, output(two, "Tgw"));
        TransitGateway t = tgw(tgwId);
        assertEquals("core", t.description());
        assertEquals("disable", t.options().dnsSupportAsString());
        assertEquals(List.of("192.0.2.0/24", "198.51.100.0/24"), t.options().transitGatewayCidrBlocks());
        assertEquals("two", tag(t.tags(), "stage"));
        assertEquals(old, output(two, "OldAttachment"));
        assertTrue(attachment(old).subnetIds().contains(output(two, "SubnetB")));
        assertEquals("enable", attachment(old).options().applianceModeSupportAsString());
        assertEquals(vpcAtt, output(two, "VpcAttachment"));
        assertTrue(attachment(vpcAtt).subnetIds().contains(output(two, "Subnet2B")));
        assertEquals("disable", attachment(vpcAtt).options().dnsSupportAsString());
        assertEquals(peering, output(two, "Peering"));
        assertEquals("two", tag(ec2.describeTransitGatewayPeeringAttachments(b -> b.transitGatewayAttachmentIds(peering))
                .transitGatewayPeeringAttachments().get(0).tags(), "stage"));
        assertEquals(connect, output(two, "Connect"));
        assertEquals("two", tag(ec2.describeTransitGatewayConnects(b -> b.transitGatewayAttachmentIds(connect))
                .transitGatewayConnects().get(0).tags(), "stage"));
        assertEquals(peer, output(two, "ConnectPeer"));
        assertEquals("two", tag(ec2.describeTransitGatewayConnectPeers(b -> b.transitGatewayConnectPeerIds(peer))
                .transitGatewayConnectPeers().get(0).tags(), "stage"));

        // Back again: the CIDR block removed, the options to their defaults.
        cfn.updateStack(b -> b.stackName(name).templateBody(TEMPLATE).parameters(stage("one")));
        settled(name, "UPDATE_COMPLETE");
        assertEquals(List.of("192.0.2.0/24"), tgw(tgwId).options().transitGatewayCidrBlocks());
        assertEquals("enable", tgw(tgwId).options().dnsSupportAsString());
        assertEquals(1, attachment(old).subnetIds().size());

        cfn.deleteStack(b -> b.stackName(name));
        settled(stackId, "DELETE_COMPLETE");
        assertEquals("deleted", tgw(tgwId).stateAsString());
        assertEquals("deleted", tgw(output(one, "Tgw2")).stateAsString());
        assertEquals("deleted", ec2.describeTransitGatewayPeeringAttachments(b -> b.transitGatewayAttachmentIds(peering))
                .transitGatewayPeeringAttachments().get(0).stateAsString());
        assertEquals("deleted", ec2.describeTransitGatewayConnects(b -> b.transitGatewayAttachmentIds(connect))
                .transitGatewayConnects().get(0).stateAsString());
        assertEquals("deleted", ec2.describeTransitGatewayConnectPeers(b -> b.transitGatewayConnectPeerIds(peer))
                .transitGatewayConnectPeers().get(0).stateAsString());
    }

    private static final String MULTICAST = """
            Parameters:
              Team: {Type: String}
            Resources:
              Tgw:
                Type: AWS::EC2::TransitGateway
                Properties: {MulticastSupport: enable}
              Vpc:
                Type: AWS::EC2::VPC
                Properties: {CidrBlock: 10.52.0.0/16}
              Subnet:
                Type: AWS::EC2::Subnet
                Properties: {VpcId: !Ref Vpc, CidrBlock: 10.52.1.0/24}
              Attachment:
                Type: AWS::EC2::TransitGatewayVpcAttachment
                Properties: {TransitGatewayId: !Ref Tgw, VpcId: !Ref Vpc, SubnetIds: [!Ref Subnet]}
              Domain:
                Type: AWS::EC2::TransitGatewayMulticastDomain
                Properties:
                  TransitGatewayId: !Ref Tgw
                  Options: {StaticSourcesSupport: enable}
                  Tags: [{Key: team, Value: !Ref Team}]
              Association:
                Type: AWS::EC2::TransitGatewayMulticastDomainAssociation
                Properties:
                  TransitGatewayMulticastDomainId: !Ref Domain
                  TransitGatewayAttachmentId: !Ref Attachment
                  SubnetId: !Ref Subnet
              Receiver:
                Type: AWS::EC2::NetworkInterface
                Properties: {SubnetId: !Ref Subnet}
              Sender:
                Type: AWS::EC2::NetworkInterface
                Properties: {SubnetId: !Ref Subnet}
              Member:
                Type: AWS::EC2::TransitGatewayMulticastGroupMember
                DependsOn: Association
                Properties: {TransitGatewayMulticastDomainId: !Ref Domain, GroupIpAddress: 239.3.3.3, NetworkInterfaceId: !Ref Receiver}
              Source:
                Type: AWS::EC2::TransitGatewayMulticastGroupSource
                DependsOn: Association
                Properties: {TransitGatewayMulticastDomainId: !Ref Domain, GroupIpAddress: 239.3.3.3, NetworkInterfaceId: !Ref Sender}
            Outputs:
              Domain: {Value: !Ref Domain}
              DomainArn: {Value: !GetAtt Domain.TransitGatewayMulticastDomainArn}
              DomainState: {Value: !GetAtt Domain.State}
              Association: {Value: !Ref Association}
              AssociationState: {Value: !GetAtt Association.State}
              Member: {Value: !Ref Member}
              MemberType: {Value: !GetAtt Member.MemberType}
              SourceType: {Value: !GetAtt Source.SourceType}
              Receiver: {Value: !Ref Receiver}
              Sender: {Value: !Ref Sender}
              Subnet: {Value: !Ref Subnet}
              Attachment: {Value: !Ref Attachment}
            """;

    @Test
    void multicastTypesAreCreatedRetaggedAndDeleted() {
        String name = unique("tgw-mcast");
        String stackId = cfn.createStack(b -> b.stackName(name).templateBody(MULTICAST).parameters(Parameter.builder()
                .parameterKey("Team").parameterValue("a").build())).stackId();
        Stack created = settled(name, "CREATE_COMPLETE");
        String domain = output(created, "Domain");
        assertTrue(output(created, "DomainArn").endsWith("/" + domain));
        assertEquals("available", output(created, "DomainState"));
        assertEquals(domain + "|" + output(created, "Attachment") + "|" + output(created, "Subnet"),
                output(created, "Association"));
        assertEquals("associated", output(created, "AssociationState"));
        assertEquals(domain + "|239.3.3.3|" + output(created, "Receiver"), output(created, "Member"));
        assertEquals("static", output(created, "MemberType"));
        assertEquals("static", output(created, "SourceType"));
        var groups = ec2.searchTransitGatewayMulticastGroups(b -> b.transitGatewayMulticastDomainId(domain))
                .multicastGroups();
        assertEquals(2, groups.size());
        assertEquals("enable", ec2.describeTransitGatewayMulticastDomains(b -> b.transitGatewayMulticastDomainIds(domain))
                .transitGatewayMulticastDomains().get(0).options().staticSourcesSupportAsString());

        cfn.updateStack(b -> b.stackName(name).templateBody(MULTICAST).parameters(Parameter.builder()
                .parameterKey("Team").parameterValue("b").build()));
        Stack updated = settled(name, "UPDATE_COMPLETE");
        assertEquals(domain, output(updated, "Domain"));
        assertEquals("b", tag(ec2.describeTransitGatewayMulticastDomains(b -> b.transitGatewayMulticastDomainIds(domain))
                .transitGatewayMulticastDomains().get(0).tags(), "team"));

        cfn.deleteStack(b -> b.stackName(name));
        settled(stackId, "DELETE_COMPLETE");
        assertEquals("deleted", ec2.describeTransitGatewayMulticastDomains(b -> b.transitGatewayMulticastDomainIds(domain))
                .transitGatewayMulticastDomains().get(0).stateAsString());
    }
}
