package io.gureum.vpc;

import static io.gureum.vpc.VpcsIT.filter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.Gureum;
import io.gureum.core.GureumConfig;
import io.gureum.core.testing.AwsClients;
import io.gureum.vpc.net.Ipv6;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.NatGatewayAddress;

/**
 * What the newer networking operations keep on --data-dir: reverse DNS records (one still pending), IPv6
 * addresses and prefixes of interfaces, NAT gateway secondary addresses, peering options, prefix list versions
 * and subnet CIDR reservations.
 */
class NetworkOperationsRestartIT {
    private static final String ACCOUNT = "123456789012";
    private static final String PEER = "210987654321";
    private static final String REGION = "ap-northeast-2";

    @TempDir
    Path dataDir;

    private Gureum start() {
        return Gureum.start(GureumConfig.builder().port(0).dataDir(dataDir).build());
    }

    private static Ec2Client ec2(Gureum g, String account) {
        return AwsClients.client(Ec2Client.builder(), g.endpoint(), account, REGION);
    }

    @Test
    void surviveARestart() {
        String eipSet;
        String eipPending;
        String eni;
        List<String> v6;
        List<String> prefixes;
        String nat;
        String natEip;
        String natSecondaryIp;
        String pcx;
        String pl;
        String subnet;
        String scr;
        try (Gureum g = start(); Ec2Client ec2 = ec2(g, ACCOUNT); Ec2Client peer = ec2(g, PEER)) {
            eipSet = ec2.allocateAddress(b -> b.domain("vpc")).allocationId();
            eipPending = ec2.allocateAddress(b -> b.domain("vpc")).allocationId();
            ec2.modifyAddressAttribute(b -> b.allocationId(eipSet).domainName("mail.example.com"));
            g.context().clock().advance(Duration.ofSeconds(3));
            ec2.modifyAddressAttribute(b -> b.allocationId(eipPending).domainName("pending.example.com"));

            String vpc = ec2.createVpc(b -> b.cidrBlock("10.60.0.0/16").amazonProvidedIpv6CidrBlock(true)).vpc()
                    .vpcId();
            Ipv6.Block v56 = Ipv6.parse(ec2.describeVpcs(b -> b.vpcIds(vpc)).vpcs().get(0)
                    .ipv6CidrBlockAssociationSet().get(0).ipv6CidrBlock());
            String v64 = new Ipv6.Block(v56.start().or(BigInteger.ONE.shiftLeft(64)), 64).toString();
            subnet = ec2.createSubnet(b -> b.vpcId(vpc).cidrBlock("10.60.1.0/24").ipv6CidrBlock(v64)).subnet()
                    .subnetId();
            String sn = subnet;
            scr = ec2.createSubnetCidrReservation(b -> b.subnetId(sn).cidr("10.60.1.0/28").reservationType("explicit")
                    .tagSpecifications(t -> t.resourceType("subnet-cidr-reservation").tags(x -> x.key("k").value("v"))))
                    .subnetCidrReservation().subnetCidrReservationId();
            eni = ec2.createNetworkInterface(b -> b.subnetId(sn)).networkInterface().networkInterfaceId();
            String e = eni;
            v6 = ec2.assignIpv6Addresses(b -> b.networkInterfaceId(e).ipv6AddressCount(2)).assignedIpv6Addresses();
            prefixes = ec2.assignIpv6Addresses(b -> b.networkInterfaceId(e).ipv6PrefixCount(1))
                    .assignedIpv6Prefixes();

            String igw = ec2.createInternetGateway().internetGateway().internetGatewayId();
            ec2.attachInternetGateway(b -> b.vpcId(vpc).internetGatewayId(igw));
            String primary = ec2.allocateAddress(b -> b.domain("vpc")).allocationId();
            natEip = ec2.allocateAddress(b -> b.domain("vpc")).allocationId();
            String second = natEip;
            var created = ec2.createNatGateway(b -> b.subnetId(sn).allocationId(primary)
                    .secondaryAllocationIds(second)).natGateway();
            nat = created.natGatewayId();
            natSecondaryIp = created.natGatewayAddresses().get(1).privateIp();

            String peerVpc = peer.createVpc(b -> b.cidrBlock("10.61.0.0/16")).vpc().vpcId();
            pcx = ec2.createVpcPeeringConnection(b -> b.vpcId(vpc).peerVpcId(peerVpc).peerOwnerId(PEER))
                    .vpcPeeringConnection().vpcPeeringConnectionId();
            String p = pcx;
            peer.acceptVpcPeeringConnection(b -> b.vpcPeeringConnectionId(p));
            peer.modifyVpcPeeringConnectionOptions(b -> b.vpcPeeringConnectionId(p)
                    .accepterPeeringConnectionOptions(o -> o.allowDnsResolutionFromRemoteVpc(true)));

            pl = ec2.createManagedPrefixList(b -> b.prefixListName("office").addressFamily("IPv4").maxEntries(3)
                    .entries(x -> x.cidr("192.0.2.0/24"))).prefixList().prefixListId();
            String l = pl;
            ec2.modifyManagedPrefixList(b -> b.prefixListId(l).currentVersion(1L)
                    .removeEntries(x -> x.cidr("192.0.2.0/24")).addEntries(x -> x.cidr("198.51.100.0/24")));
        }
        try (Gureum g = start(); Ec2Client ec2 = ec2(g, ACCOUNT); Ec2Client peer = ec2(g, PEER)) {
            var attributes = ec2.describeAddressesAttribute(b -> b.allocationIds(eipSet, eipPending)).addresses();
            assertEquals("mail.example.com.", attributes.get(0).ptrRecord());
            assertEquals("PENDING", attributes.get(1).ptrRecordUpdate().status());
            g.context().clock().advance(Duration.ofSeconds(61));
            assertEquals("pending.example.com.", ec2.describeAddressesAttribute(b -> b.allocationIds(eipPending))
                    .addresses().get(0).ptrRecord());

            var described = ec2.describeNetworkInterfaces(b -> b.networkInterfaceIds(eni)).networkInterfaces().get(0);
            assertEquals(v6, described.ipv6Addresses().stream().map(a -> a.ipv6Address()).toList());
            assertEquals(prefixes, described.ipv6Prefixes().stream().map(a -> a.ipv6Prefix()).toList());

            Map<String, String> nat2 = ec2.describeNatGateways(b -> b.natGatewayIds(nat)).natGateways().get(0)
                    .natGatewayAddresses().stream().collect(Collectors.toMap(NatGatewayAddress::privateIp,
                            NatGatewayAddress::statusAsString));
            assertEquals("succeeded", nat2.get(natSecondaryIp));
            assertEquals(natSecondaryIp, ec2.describeAddresses(b -> b.allocationIds(natEip)).addresses().get(0)
                    .privateIpAddress());

            for (Ec2Client side : List.of(ec2, peer)) {
                var p = side.describeVpcPeeringConnections(b -> b.vpcPeeringConnectionIds(pcx))
                        .vpcPeeringConnections().get(0);
                assertTrue(p.accepterVpcInfo().peeringOptions().allowDnsResolutionFromRemoteVpc());
            }

            assertEquals(3L, ec2.restoreManagedPrefixListVersion(b -> b.prefixListId(pl).previousVersion(1L)
                    .currentVersion(2L)).prefixList().version());
            assertEquals("192.0.2.0/24", ec2.getManagedPrefixListEntries(b -> b.prefixListId(pl)).entries().get(0)
                    .cidr());

            var reservations = ec2.getSubnetCidrReservations(b -> b.subnetId(subnet).filters(filter("tag:k", "v")))
                    .subnetIpv4CidrReservations();
            assertEquals(List.of(scr), reservations.stream().map(x -> x.subnetCidrReservationId()).toList());
            // the reservation still keeps automatic addresses out (the NAT and the interface took .16 and up)
            String next = ec2.createNetworkInterface(b -> b.subnetId(subnet)).networkInterface().privateIpAddress();
            assertTrue(io.gureum.vpc.net.Cidr.parseAddress(next) >= io.gureum.vpc.net.Cidr.parseAddress("10.60.1.16"),
                    next);
        }
    }
}
