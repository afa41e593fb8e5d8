package io.gureum.cloudformation.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackEvent;
import software.amazon.awssdk.services.ec2.model.Address;
import software.amazon.awssdk.services.ec2.model.CustomerGateway;
import software.amazon.awssdk.services.ec2.model.ManagedPrefixList;
import software.amazon.awssdk.services.ec2.model.NetworkInterface;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TransitGatewayRoute;
import software.amazon.awssdk.services.ec2.model.Volume;
import software.amazon.awssdk.services.ec2.model.Vpc;
import software.amazon.awssdk.services.ec2.model.VpnGateway;

/**
 * The EC2 networking types of issue #17 deployed with CreateStack, changed with UpdateStack and removed with
 * DeleteStack through the SDK, each checked through EC2 and the stack's outputs ({@code Ref} and
 * {@code Fn::GetAtt}).
 */
class Ec2NetworkTypesIT extends EndToEndSupport {

    private static Map<String, String> tags(List<Tag> tags) {
        return tags.stream().collect(Collectors.toMap(Tag::key, Tag::value));
    }

    private static Stack created(String name, String template, Parameter... parameters) {
        String id = cfn.createStack(b -> b.stackName(name).templateBody(template).parameters(parameters)).stackId();
        Stack s = settle(id);
        assertEquals("CREATE_COMPLETE", s.stackStatusAsString(), reasons(name));
        return s;
    }

    private static Stack updated(String name, String template, Parameter... parameters) {
        cfn.updateStack(b -> b.stackName(name).templateBody(template).parameters(parameters));
        Stack s = settle(name);
        assertEquals("UPDATE_COMPLETE", s.stackStatusAsString(), reasons(name));
        return s;
    }

    private static void deleted(Stack s) {
        cfn.deleteStack(b -> b.stackName(s.stackId()));
        Stack gone = settle(s.stackId());
        assertEquals("DELETE_COMPLETE", gone.stackStatusAsString(), reasons(s.stackId()));
    }

    /** The failure reasons of the stack's events, for assertion messages. */
    private static String reasons(String stack) {
        return cfn.describeStackEvents(b -> b.stackName(stack)).stackEvents().stream()
                .filter(e -> e.resourceStatusReason() != null)
                .map(e -> e.logicalResourceId() + " " + e.resourceStatusAsString() + ": " + e.resourceStatusReason())
                .collect(Collectors.joining("\n"));
    }

    private static final String NETWORK = """
            Parameters:
              Description: {Type: String, Default: one}
              Secondaries: {Type: Number, Default: 1}
            Resources:
              Vpc:
                Type: AWS::EC2::VPC
                Properties: {CidrBlock: 10.0.0.0/16}
              Igw:
                Type: AWS::EC2::InternetGateway
              Attach:
                Type: AWS::EC2::VPCGatewayAttachment
                Properties: {VpcId: !Ref Vpc, InternetGatewayId: !Ref Igw}
              Subnet:
                Type: AWS::EC2::Subnet
                Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24}
              Sg:
                Type: AWS::EC2::SecurityGroup
                Properties: {GroupDescription: eni, VpcId: !Ref Vpc}
              SecondaryCidr:
                Type: AWS::EC2::VPCCidrBlock
                Properties: {VpcId: !Ref Vpc, CidrBlock: 10.1.0.0/16}
              Ipv6Cidr:
                Type: AWS::EC2::VPCCidrBlock
                Properties: {VpcId: !Ref Vpc, AmazonProvidedIpv6CidrBlock: true}
              Eni:
                Type: AWS::EC2::NetworkInterface
                Properties:
                  SubnetId: !Ref Subnet
                  Description: !Ref Description
                  GroupSet: [!Ref Sg]
                  SecondaryPrivateIpAddressCount: !Ref Secondaries
                  Tags: [{Key: Name, Value: course-eni}]
              Eip:
                Type: AWS::EC2::EIP
                DependsOn: Attach
              EipAssoc:
                Type: AWS::EC2::EIPAssociation
                Properties: {AllocationId: !GetAtt Eip.AllocationId, NetworkInterfaceId: !Ref Eni}
            %s
            Outputs:
              EniId: {Value: !Ref Eni}
              EniIdAtt: {Value: !GetAtt Eni.Id}
              EniPrimary: {Value: !GetAtt Eni.PrimaryPrivateIpAddress}
              EniSecondaries: {Value: !Join [',', !GetAtt Eni.SecondaryPrivateIpAddresses]}
              EniVpc: {Value: !GetAtt Eni.VpcId}
              SecondaryCidr: {Value: !Ref SecondaryCidr}
              SecondaryCidrId: {Value: !GetAtt SecondaryCidr.Id}
              Ipv6Cidr: {Value: !Ref Ipv6Cidr}
              Ipv6Source: {Value: !GetAtt Ipv6Cidr.IpSource}
              Ipv6Attribute: {Value: !GetAtt Ipv6Cidr.Ipv6AddressAttribute}
              Association: {Value: !Ref EipAssoc}
              AssociationId: {Value: !GetAtt EipAssoc.Id}
            %s
            """;

    @Test
    void networkInterfaceCidrBlocksAndEipAssociation() {
        String name = unique("eni");
        Stack s = created(name, NETWORK.formatted("", ""));
        String eniId = output(s, "EniId");
        assertEquals(eniId, physicalId(name, "Eni"));
        assertEquals(eniId, output(s, "EniIdAtt"));
        NetworkInterface eni = ec2.describeNetworkInterfaces(b -> b.networkInterfaceIds(eniId)).networkInterfaces()
                .get(0);
        assertEquals("one", eni.description());
        assertEquals(physicalId(name, "Sg"), eni.groups().get(0).groupId());
        assertEquals(output(s, "EniPrimary"), eni.privateIpAddress());
        assertEquals(physicalId(name, "Vpc"), output(s, "EniVpc"));
        List<String> secondaries = eni.privateIpAddresses().stream().filter(a -> !a.primary())
                .map(a -> a.privateIpAddress()).toList();
        assertEquals(1, secondaries.size());
        assertEquals(secondaries.get(0), output(s, "EniSecondaries"));
        Map<String, String> eniTags = tags(eni.tagSet());
        assertEquals("course-eni", eniTags.get("Name"));
        assertEquals("Eni", eniTags.get("aws:cloudformation:logical-id"));
        assertEquals(name, eniTags.get("aws:cloudformation:stack-name"));

        Vpc vpc = ec2.describeVpcs(b -> b.vpcIds(physicalId(name, "Vpc"))).vpcs().get(0);
        assertTrue(vpc.cidrBlockAssociationSet().stream().anyMatch(a -> a.cidrBlock().equals("10.1.0.0/16")
                && a.associationId().equals(output(s, "SecondaryCidr"))));
        assertEquals(output(s, "SecondaryCidr"), output(s, "SecondaryCidrId"));
        assertEquals(output(s, "Ipv6Cidr"), vpc.ipv6CidrBlockAssociationSet().get(0).associationId());
        assertEquals("amazon", output(s, "Ipv6Source"));
        assertEquals("public", output(s, "Ipv6Attribute"));

        Address eip = ec2.describeAddresses(b -> b.publicIps(physicalId(name, "Eip"))).addresses().get(0);
        assertEquals(eniId, eip.networkInterfaceId());
        assertEquals(output(s, "Association"), eip.associationId());
        assertEquals(eip.associationId(), output(s, "AssociationId"));

        // In place: description, secondary addresses; a new subnet IPv6 block from the VPC's /56.
        String vpcBlock = vpc.ipv6CidrBlockAssociationSet().get(0).ipv6CidrBlock();
        String subnetBlock = vpcBlock.replace("/56", "/64");
        Stack u = updated(name, NETWORK.formatted("""
                  SubnetV6:
                    Type: AWS::EC2::SubnetCidrBlock
                    DependsOn: Ipv6Cidr
                    Properties: {SubnetId: !Ref Subnet, Ipv6CidrBlock: %s}
                """.formatted(subnetBlock), """
                  SubnetV6: {Value: !Ref SubnetV6}
                  SubnetV6Id: {Value: !GetAtt SubnetV6.Id}
                """), Parameter.builder().parameterKey("Description").parameterValue("two").build(),
                Parameter.builder().parameterKey("Secondaries").parameterValue("2").build());
        assertEquals(eniId, output(u, "EniId"), "updated in place");
        eni = ec2.describeNetworkInterfaces(b -> b.networkInterfaceIds(eniId)).networkInterfaces().get(0);
        assertEquals("two", eni.description());
        assertEquals(3, eni.privateIpAddresses().size());
        assertEquals(2, output(u, "EniSecondaries").split(",").length);
        var subnet = ec2.describeSubnets(b -> b.subnetIds(physicalId(name, "Subnet"))).subnets().get(0);
        assertEquals(subnetBlock, subnet.ipv6CidrBlockAssociationSet().get(0).ipv6CidrBlock());
        assertEquals(output(u, "SubnetV6"), subnet.ipv6CidrBlockAssociationSet().get(0).associationId());
        assertEquals(output(u, "SubnetV6"), output(u, "SubnetV6Id"));

        deleted(u);
        assertTrue(ec2.describeNetworkInterfaces(b -> b.filters(filter("network-interface-id", eniId)))
                .networkInterfaces().isEmpty());
        assertTrue(ec2.describeVpcs(b -> b.filters(filter("vpc-id", vpc.vpcId()))).vpcs().isEmpty());
    }

    /** AWS's IPv6 subnet example: the subnet selects a /64 from the block a VPCCidrBlock added to the VPC. */
    @Test
    void aSubnetReadsTheIpv6BlockAVpcCidrBlockAddedToItsVpc() {
        String name = unique("ipv6");
        Stack s = created(name, """
                Resources:
                  Vpc:
                    Type: AWS::EC2::VPC
                    Properties: {CidrBlock: 10.9.0.0/16}
                  Ipv6:
                    Type: AWS::EC2::VPCCidrBlock
                    Properties: {VpcId: !Ref Vpc, AmazonProvidedIpv6CidrBlock: true}
                  Subnet:
                    Type: AWS::EC2::Subnet
                    DependsOn: Ipv6
                    Properties:
                      VpcId: !Ref Vpc
                      CidrBlock: 10.9.0.0/24
                      Ipv6CidrBlock: !Select [1, !Cidr [!Select [0, !GetAtt Vpc.Ipv6CidrBlocks], 4, 64]]
                Outputs:
                  SubnetBlock: {Value: !Select [0, !GetAtt Subnet.Ipv6CidrBlocks]}
                """);
        String vpcBlock = ec2.describeVpcs(b -> b.vpcIds(physicalId(name, "Vpc"))).vpcs().get(0)
                .ipv6CidrBlockAssociationSet().get(0).ipv6CidrBlock();
        String subnetBlock = ec2.describeSubnets(b -> b.subnetIds(physicalId(name, "Subnet"))).subnets().get(0)
                .ipv6CidrBlockAssociationSet().get(0).ipv6CidrBlock();
        assertTrue(subnetBlock.endsWith("/64"), subnetBlock);
        assertEquals(subnetBlock, output(s, "SubnetBlock"));
        assertNotEquals(vpcBlock.replace("/56", "/64"), subnetBlock, "the second /64 of the VPC's block");
        deleted(s);
    }

    private static final String TRANSIT = """
            Parameters:
              Destination: {Type: String, Default: 10.50.0.0/16}
              Team: {Type: String, Default: a}
            Resources:
              Vpc:
                Type: AWS::EC2::VPC
                Properties: {CidrBlock: 10.20.0.0/16}
              Subnet:
                Type: AWS::EC2::Subnet
                Properties: {VpcId: !Ref Vpc, CidrBlock: 10.20.1.0/24}
              Tgw:
                Type: AWS::EC2::TransitGateway
                Properties: {DefaultRouteTableAssociation: disable, DefaultRouteTablePropagation: disable}
              TgwAttach:
                Type: AWS::EC2::TransitGatewayAttachment
                Properties: {TransitGatewayId: !Ref Tgw, VpcId: !Ref Vpc, SubnetIds: [!Ref Subnet]}
              Table:
                Type: AWS::EC2::TransitGatewayRouteTable
                Properties:
                  TransitGatewayId: !Ref Tgw
                  Tags: [{Key: Team, Value: !Ref Team}]
              Association:
                Type: AWS::EC2::TransitGatewayRouteTableAssociation
                Properties: {TransitGatewayRouteTableId: !Ref Table, TransitGatewayAttachmentId: !Ref TgwAttach}
              Propagation:
                Type: AWS::EC2::TransitGatewayRouteTablePropagation
                Properties: {TransitGatewayRouteTableId: !Ref Table, TransitGatewayAttachmentId: !Ref TgwAttach}
              Route:
                Type: AWS::EC2::TransitGatewayRoute
                Properties:
                  TransitGatewayRouteTableId: !Ref Table
                  DestinationCidrBlock: !Ref Destination
                  TransitGatewayAttachmentId: !Ref TgwAttach
              Blackhole:
                Type: AWS::EC2::TransitGatewayRoute
                Properties: {TransitGatewayRouteTableId: !Ref Table, DestinationCidrBlock: 10.60.0.0/16, Blackhole: true}
            Outputs:
              Table: {Value: !Ref Table}
              TableId: {Value: !GetAtt Table.TransitGatewayRouteTableId}
              Route: {Value: !Ref Route}
              Association: {Value: !Ref Association}
              Propagation: {Value: !Ref Propagation}
            """;

    @Test
    void transitGatewayRouteTableWithAssociationPropagationAndRoutes() {
        String name = unique("tgw");
        Stack s = created(name, TRANSIT);
        String table = output(s, "Table");
        String attachment = physicalId(name, "TgwAttach");
        assertTrue(table.startsWith("tgw-rtb-"), table);
        assertEquals(table, output(s, "TableId"));
        assertEquals(table + "|10.50.0.0/16", output(s, "Route"));
        assertEquals(table + "|" + attachment, output(s, "Association"));
        assertEquals(table + "|" + attachment, output(s, "Propagation"));
        assertEquals(attachment, ec2.getTransitGatewayRouteTableAssociations(b -> b.transitGatewayRouteTableId(table))
                .associations().get(0).transitGatewayAttachmentId());
        assertEquals(attachment, ec2.getTransitGatewayRouteTablePropagations(b -> b.transitGatewayRouteTableId(table))
                .transitGatewayRouteTablePropagations().get(0).transitGatewayAttachmentId());
        Map<String, String> routes = staticRoutes(table);
        assertEquals("active", routes.get("10.50.0.0/16"));
        assertEquals("blackhole", routes.get("10.60.0.0/16"));
        assertEquals("a", tags(ec2.describeTransitGatewayRouteTables(b -> b.transitGatewayRouteTableIds(table))
                .transitGatewayRouteTables().get(0).tags()).get("Team"));

        // Tags change in place; a new destination replaces the route.
        Stack u = updated(name, TRANSIT, Parameter.builder().parameterKey("Destination").parameterValue(
                "10.51.0.0/16").build(), Parameter.builder().parameterKey("Team").parameterValue("b").build());
        assertEquals(table, output(u, "Table"));
        assertEquals("b", tags(ec2.describeTransitGatewayRouteTables(b -> b.transitGatewayRouteTableIds(table))
                .transitGatewayRouteTables().get(0).tags()).get("Team"));
        assertEquals(table + "|10.51.0.0/16", output(u, "Route"));
        routes = staticRoutes(table);
        assertEquals("active", routes.get("10.51.0.0/16"));
        assertFalse(routes.containsKey("10.50.0.0/16"), "the replaced route is deleted");

        deleted(u);
        assertTrue(ec2.describeTransitGatewayRouteTables(b -> b.filters(filter("transit-gateway-route-table-id",
                table))).transitGatewayRouteTables().stream().allMatch(t -> t.stateAsString().equals("deleted")));
    }

    private static Map<String, String> staticRoutes(String table) {
        return ec2.searchTransitGatewayRoutes(b -> b.transitGatewayRouteTableId(table)
                .filters(filter("type", "static"))).routes().stream()
                .collect(Collectors.toMap(TransitGatewayRoute::destinationCidrBlock, r -> r.stateAsString()));
    }

    private static final String GATEWAYS = """
            Parameters:
              Team: {Type: String, Default: a}
              Entries: {Type: CommaDelimitedList, Default: '10.0.0.0/16,10.1.0.0/16'}
            Resources:
              Vpc:
                Type: AWS::EC2::VPC
                Properties: {CidrBlock: 10.30.0.0/16}
              Vgw:
                Type: AWS::EC2::VPNGateway
                Properties:
                  Type: ipsec.1
                  AmazonSideAsn: 64512
                  Tags: [{Key: Team, Value: !Ref Team}]
              VgwAttach:
                Type: AWS::EC2::VPCGatewayAttachment
                Properties: {VpcId: !Ref Vpc, VpnGatewayId: !Ref Vgw}
              Cgw:
                Type: AWS::EC2::CustomerGateway
                Properties:
                  Type: ipsec.1
                  BgpAsn: 65010
                  IpAddress: 203.0.113.12
                  Tags: [{Key: Team, Value: !Ref Team}]
              Prefixes:
                Type: AWS::EC2::PrefixList
                Properties:
                  PrefixListName: !Sub 'offices-${Team}'
                  AddressFamily: IPv4
                  MaxEntries: 5
                  Entries:
                    - {Cidr: !Select [0, !Ref Entries], Description: first}
                    - {Cidr: !Select [1, !Ref Entries], Description: second}
              Placement:
                Type: AWS::EC2::PlacementGroup
                Properties: {Strategy: spread}
            Outputs:
              Vgw: {Value: !Ref Vgw}
              VgwId: {Value: !GetAtt Vgw.VPNGatewayId}
              VgwAttach: {Value: !Ref VgwAttach}
              Cgw: {Value: !Ref Cgw}
              CgwId: {Value: !GetAtt Cgw.CustomerGatewayId}
              Prefixes: {Value: !Ref Prefixes}
              PrefixesId: {Value: !GetAtt Prefixes.PrefixListId}
              PrefixesArn: {Value: !GetAtt Prefixes.Arn}
              PrefixesOwner: {Value: !GetAtt Prefixes.OwnerId}
              PrefixesVersion: {Value: !GetAtt Prefixes.Version}
              Placement: {Value: !Ref Placement}
              PlacementName: {Value: !GetAtt Placement.GroupName}
            """;

    @Test
    void vpnAndCustomerGatewaysPrefixListAndPlacementGroup() {
        String name = unique("gw");
        Stack s = created(name, GATEWAYS);
        String vgwId = output(s, "Vgw");
        assertEquals(vgwId, output(s, "VgwId"));
        VpnGateway vgw = ec2.describeVpnGateways(b -> b.vpnGatewayIds(vgwId)).vpnGateways().get(0);
        assertEquals(64512L, vgw.amazonSideAsn());
        assertEquals(physicalId(name, "Vpc"), vgw.vpcAttachments().get(0).vpcId());
        assertEquals("VGW|" + physicalId(name, "Vpc"), output(s, "VgwAttach"));
        assertEquals("Vgw", tags(vgw.tags()).get("aws:cloudformation:logical-id"));
        String cgwId = output(s, "Cgw");
        assertEquals(cgwId, output(s, "CgwId"));
        CustomerGateway cgw = ec2.describeCustomerGateways(b -> b.customerGatewayIds(cgwId)).customerGateways()
                .get(0);
        assertEquals("203.0.113.12", cgw.ipAddress());
        assertEquals("65010", cgw.bgpAsn());
        assertEquals("a", tags(cgw.tags()).get("Team"));

        String plId = output(s, "Prefixes");
        assertEquals(plId, output(s, "PrefixesId"));
        ManagedPrefixList pl = ec2.describeManagedPrefixLists(b -> b.prefixListIds(plId)).prefixLists().get(0);
        assertEquals("offices-a", pl.prefixListName());
        assertEquals(pl.prefixListArn(), output(s, "PrefixesArn"));
        assertEquals(pl.ownerId(), output(s, "PrefixesOwner"));
        assertEquals("1", output(s, "PrefixesVersion"));
        assertEquals(List.of("10.0.0.0/16", "10.1.0.0/16"), entries(plId));

        String group = output(s, "Placement");
        assertEquals(group, output(s, "PlacementName"));
        assertTrue(group.startsWith(name + "-Placement-"), group);
        assertEquals("spread", ec2.describePlacementGroups(b -> b.groupNames(group)).placementGroups().get(0)
                .strategyAsString());

        // Tags, the prefix list's name and entries change in place.
        Stack u = updated(name, GATEWAYS, Parameter.builder().parameterKey("Team").parameterValue("b").build(),
                Parameter.builder().parameterKey("Entries").parameterValue("10.0.0.0/16,10.2.0.0/16").build());
        assertEquals(vgwId, output(u, "Vgw"));
        assertEquals("b", tags(ec2.describeVpnGateways(b -> b.vpnGatewayIds(vgwId)).vpnGateways().get(0).tags())
                .get("Team"));
        assertEquals(cgwId, output(u, "Cgw"));
        assertEquals("b", tags(ec2.describeCustomerGateways(b -> b.customerGatewayIds(cgwId)).customerGateways()
                .get(0).tags()).get("Team"));
        assertEquals(plId, output(u, "Prefixes"));
        assertEquals("offices-b", ec2.describeManagedPrefixLists(b -> b.prefixListIds(plId)).prefixLists().get(0)
                .prefixListName());
        assertEquals(List.of("10.0.0.0/16", "10.2.0.0/16"), entries(plId).stream().sorted().toList());
        assertEquals("2", output(u, "PrefixesVersion"));
        assertEquals(group, output(u, "Placement"));

        deleted(u);
        assertTrue(ec2.describeVpnGateways(b -> b.vpnGatewayIds(vgwId)).vpnGateways().stream()
                .allMatch(v -> v.stateAsString().equals("deleted")));
        assertTrue(ec2.describeManagedPrefixLists(b -> b.filters(filter("prefix-list-id", plId))).prefixLists()
                .isEmpty());
        assertTrue(ec2.describePlacementGroups(b -> b.filters(filter("group-name", group))).placementGroups()
                .isEmpty());
    }

    private static List<String> entries(String prefixListId) {
        return ec2.getManagedPrefixListEntries(b -> b.prefixListId(prefixListId)).entries().stream()
                .map(e -> e.cidr()).toList();
    }

    private static final String ATTACHMENTS = """
            Parameters:
              Image: {Type: String}
              DeleteEni: {Type: String, Default: 'true'}
            Resources:
              Vpc:
                Type: AWS::EC2::VPC
                Properties: {CidrBlock: 10.40.0.0/16}
              Subnet:
                Type: AWS::EC2::Subnet
                Properties: {VpcId: !Ref Vpc, CidrBlock: 10.40.1.0/24}
              Server:
                Type: AWS::EC2::Instance
                Properties: {ImageId: !Ref Image, InstanceType: t3.micro, SubnetId: !Ref Subnet}
              Data:
                Type: AWS::EC2::Volume
                Properties: {AvailabilityZone: !GetAtt Server.AvailabilityZone, Size: 8}
              Mount:
                Type: AWS::EC2::VolumeAttachment
                Properties: {VolumeId: !Ref Data, InstanceId: !Ref Server, Device: /dev/sdf}
              Second:
                Type: AWS::EC2::NetworkInterface
                Properties: {SubnetId: !Ref Subnet}
              SecondAttach:
                Type: AWS::EC2::NetworkInterfaceAttachment
                Properties:
                  NetworkInterfaceId: !Ref Second
                  InstanceId: !Ref Server
                  DeviceIndex: 1
                  DeleteOnTermination: !Ref DeleteEni
            Outputs:
              Mount: {Value: !Ref Mount}
              SecondAttach: {Value: !Ref SecondAttach}
              SecondAttachId: {Value: !GetAtt SecondAttach.AttachmentId}
            """;

    @Test
    void volumeAndNetworkInterfaceAttachedToAnInstance() {
        String name = unique("attach");
        Parameter image = Parameter.builder().parameterKey("Image").parameterValue(ec2.describeImages(b -> b
                .owners("amazon")).images().get(0).imageId()).build();
        Stack s = created(name, ATTACHMENTS, image);
        String instance = physicalId(name, "Server");
        String volume = physicalId(name, "Data");
        assertEquals(volume + "|" + instance, output(s, "Mount"));
        Volume v = ec2.describeVolumes(b -> b.volumeIds(volume)).volumes().get(0);
        assertEquals(instance, v.attachments().get(0).instanceId());
        assertEquals("/dev/sdf", v.attachments().get(0).device());
        String eni = physicalId(name, "Second");
        NetworkInterface n = ec2.describeNetworkInterfaces(b -> b.networkInterfaceIds(eni)).networkInterfaces()
                .get(0);
        assertEquals(instance, n.attachment().instanceId());
        assertEquals(1, n.attachment().deviceIndex());
        assertTrue(n.attachment().deleteOnTermination());
        assertEquals(n.attachment().attachmentId(), output(s, "SecondAttach"));
        assertEquals(output(s, "SecondAttach"), output(s, "SecondAttachId"));

        // DeleteOnTermination changes in place.
        Stack u = updated(name, ATTACHMENTS, image, Parameter.builder().parameterKey("DeleteEni")
                .parameterValue("false").build());
        assertEquals(output(s, "SecondAttach"), output(u, "SecondAttach"));
        assertFalse(ec2.describeNetworkInterfaces(b -> b.networkInterfaceIds(eni)).networkInterfaces().get(0)
                .attachment().deleteOnTermination());

        deleted(u);
        assertTrue(ec2.describeVolumes(b -> b.filters(filter("volume-id", volume))).volumes().isEmpty());
        assertTrue(ec2.describeNetworkInterfaces(b -> b.filters(filter("network-interface-id", eni)))
                .networkInterfaces().isEmpty());
    }

    @Test
    void aRefusalOfEc2IsTheResourcesFailureReason() {
        String name = unique("refused");
        String id = cfn.createStack(b -> b.stackName(name).templateBody("""
                Resources:
                  Cgw:
                    Type: AWS::EC2::CustomerGateway
                    Properties: {Type: ipsec.9, BgpAsn: 65000, IpAddress: 203.0.113.7}
                """)).stackId();
        Stack s = settle(id);
        assertEquals("ROLLBACK_COMPLETE", s.stackStatusAsString());
        StackEvent failed = cfn.describeStackEvents(b -> b.stackName(id)).stackEvents().stream()
                .filter(e -> e.logicalResourceId().equals("Cgw") && e.resourceStatusAsString().equals("CREATE_FAILED"))
                .findFirst().orElseThrow();
        assertTrue(failed.resourceStatusReason().contains("ipsec.9"), failed.resourceStatusReason());
        assertNotEquals(null, failed.resourceStatusReason());
    }

    /**
     * EC2 refuses a rule the update adds (one call authorises them all or none): the group is as before, and the
     * rollback, which gets the attempted rules as the group's previous ones, does not fail revoking the refused one.
     */
    @Test
    void aRuleEc2RefusedRollsBackWithoutRevokingIt() {
        String template = """
                Resources:
                  Vpc:
                    Type: AWS::EC2::VPC
                    Properties: {CidrBlock: 10.61.0.0/16}
                  Group:
                    Type: AWS::EC2::SecurityGroup
                    Properties:
                      GroupDescription: web
                      VpcId: !Ref Vpc
                      SecurityGroupIngress:
                        - {IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0/0}
                """;
        Stack s = created(unique("refusedrule"), template);
        String group = cfn.describeStackResource(b -> b.stackName(s.stackId()).logicalResourceId("Group"))
                .stackResourceDetail().physicalResourceId();
        cfn.updateStack(b -> b.stackName(s.stackId()).templateBody(template + """
                        - {IpProtocol: tcp, FromPort: 80, ToPort: 80, CidrIp: 10.0.0.0/33}
                """));
        Stack after = settle(s.stackId());
        assertEquals("UPDATE_ROLLBACK_COMPLETE", after.stackStatusAsString(), reasons(s.stackId()));
        assertEquals(List.of(443), ec2.describeSecurityGroups(b -> b.groupIds(group)).securityGroups().get(0)
                .ipPermissions().stream().map(p -> p.fromPort()).toList());
        deleted(after);
    }
}
