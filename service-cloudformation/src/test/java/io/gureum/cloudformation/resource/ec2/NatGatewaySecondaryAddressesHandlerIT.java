package io.gureum.cloudformation.resource.ec2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.cloudformation.resource.HandlerTestSupport;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.NatGatewayAddress;

/**
 * AWS::EC2::NatGateway's secondary addresses (created with the gateway, changed in place, gone with it) and
 * AWS::EC2::NetworkInterface's IPv6 addresses and prefixes.
 */
class NatGatewaySecondaryAddressesHandlerIT extends HandlerTestSupport {
    private ScheduledExecutorService ticker;

    /** Moves the clock 20 s every 50 ms while handlers wait (NAT gateways settle in 60 s, their addresses in 2 s). */
    @BeforeEach
    void tick() {
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "nat-clock-ticker");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleWithFixedDelay(() -> gureum.context().clock().advance(Duration.ofSeconds(20)), 50, 50,
                TimeUnit.MILLISECONDS);
    }

    @AfterEach
    void stop() {
        ticker.shutdownNow();
    }

    private Ec2Client ec2() {
        return client(Ec2Client.class);
    }

    private List<NatGatewayAddress> secondaries(String nat) {
        return ec2().describeNatGateways(b -> b.natGatewayIds(nat)).natGateways().get(0).natGatewayAddresses()
                .stream().filter(a -> !a.isPrimary()).toList();
    }

    @Test
    void secondaryAddressesChangeInPlace() {
        Deployed vpc = create(new VpcHandler(), "Vpc", props("{'CidrBlock':'10.0.0.0/16'}"));
        Deployed subnet = create(new SubnetHandler(), "Subnet", props("{'VpcId':'" + vpc.id()
                + "','CidrBlock':'10.0.1.0/24'}"));
        Deployed igw = create(new InternetGatewayHandler(), "Igw", props("{}"));
        Deployed attachment = create(new VpcGatewayAttachmentHandler(), "Attach", props("{'VpcId':'" + vpc.id()
                + "','InternetGatewayId':'" + igw.id() + "'}"));
        Deployed primary = create(new EipHandler(), "Primary", props("{'Domain':'vpc'}"));
        Deployed second = create(new EipHandler(), "Second", props("{'Domain':'vpc'}"));
        Deployed third = create(new EipHandler(), "Third", props("{'Domain':'vpc'}"));

        String base = "'SubnetId':'" + subnet.id() + "','AllocationId':'" + primary.att("AllocationId") + "'";
        Deployed nat = create(new NatGatewayHandler(), "Nat", props("{" + base + ",'SecondaryAllocationIds':['"
                + second.att("AllocationId") + "']}"));
        assertTrue(nat.att("EniId").startsWith("eni-"), nat.att("EniId"));
        assertEquals(List.of(second.att("AllocationId")), secondaries(nat.id()).stream()
                .map(NatGatewayAddress::allocationId).toList());
        String swapped = "{" + base + ",'SecondaryAllocationIds':['" + third.att("AllocationId")
                + "'],'MaxDrainDurationSeconds':60}";
        assertFalse(replaces(nat, props(swapped)));
        Deployed updated = update(nat, props(swapped));
        assertEquals(nat.id(), updated.id());
        List<NatGatewayAddress> now = secondaries(nat.id());
        assertEquals(List.of(third.att("AllocationId")), now.stream().map(NatGatewayAddress::allocationId).toList());
        assertEquals("succeeded", now.get(0).statusAsString());
        assertNull(ec2().describeAddresses(b -> b.allocationIds(second.att("AllocationId"))).addresses().get(0)
                .associationId());

        Deployed privateNat = create(new NatGatewayHandler(), "Private", props("{'SubnetId':'" + subnet.id()
                + "','ConnectivityType':'private','SecondaryPrivateIpAddressCount':1}"));
        assertEquals(1, secondaries(privateNat.id()).size());
        Deployed grown = update(privateNat, props("{'SubnetId':'" + subnet.id()
                + "','ConnectivityType':'private','SecondaryPrivateIpAddressCount':3}"));
        assertEquals(3, secondaries(privateNat.id()).size());
        delete(grown);
        delete(updated);
        assertEquals("deleted", ec2().describeNatGateways(b -> b.natGatewayIds(nat.id())).natGateways().get(0)
                .stateAsString());
        assertNull(ec2().describeAddresses(b -> b.allocationIds(third.att("AllocationId"))).addresses().get(0)
                .associationId());
        for (Deployed d : List.of(primary, second, third, attachment, igw, subnet, vpc)) {
            delete(d);
        }
    }

    @Test
    void networkInterfaceIpv6AddressesAndPrefixes() {
        var vpc = ec2().createVpc(b -> b.cidrBlock("10.9.0.0/16").amazonProvidedIpv6CidrBlock(true)).vpc();
        String v56 = ec2().describeVpcs(b -> b.vpcIds(vpc.vpcId())).vpcs().get(0).ipv6CidrBlockAssociationSet().get(0)
                .ipv6CidrBlock();
        String v64 = v56.replace("::/56", "::/64");
        String subnet = ec2().createSubnet(b -> b.vpcId(vpc.vpcId()).cidrBlock("10.9.1.0/24").ipv6CidrBlock(v64))
                .subnet().subnetId();
        String given = v64.replace("::/64", "::a");
        Deployed eni = create(new NetworkInterfaceHandler(), "Eni", props("{'SubnetId':'" + subnet
                + "','Ipv6Addresses':[{'Ipv6Address':'" + given + "'}],'Ipv6PrefixCount':1}"));
        var described = ec2().describeNetworkInterfaces(b -> b.networkInterfaceIds(eni.id())).networkInterfaces()
                .get(0);
        assertEquals(1, described.ipv6Addresses().size());
        assertEquals(1, described.ipv6Prefixes().size());
        String other = v64.replace("::/64", "::b");
        String next = "{'SubnetId':'" + subnet + "','Ipv6Addresses':[{'Ipv6Address':'" + other
                + "'}],'Ipv6PrefixCount':2}";
        assertFalse(replaces(eni, props(next)));
        Deployed updated = update(eni, props(next));
        described = ec2().describeNetworkInterfaces(b -> b.networkInterfaceIds(eni.id())).networkInterfaces().get(0);
        assertEquals(List.of(other.replace("::b", ":0:0:0:b")), described.ipv6Addresses().stream()
                .map(a -> a.ipv6Address()).toList());
        assertEquals(2, described.ipv6Prefixes().size());
        delete(updated);
        assertTrue(ec2().describeNetworkInterfaces(b -> b.filters(f -> f.name("subnet-id").values(subnet)))
                .networkInterfaces().isEmpty());
        ec2().deleteSubnet(b -> b.subnetId(subnet));
        ec2().deleteVpc(b -> b.vpcId(vpc.vpcId()));
    }
}
