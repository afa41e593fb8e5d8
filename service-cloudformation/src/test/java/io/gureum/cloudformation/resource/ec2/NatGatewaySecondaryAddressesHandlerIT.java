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

/** AWS::EC2::NatGateway's secondary addresses: created with the gateway, changed in place, gone with it. */
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
}
