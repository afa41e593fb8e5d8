package io.gureum.vpc.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CidrTest {
    @Test
    void parsesAndPrints() {
        Cidr c = Cidr.parse("10.0.0.0/16");
        assertEquals(16, c.prefix());
        assertEquals(65536, c.size());
        assertEquals("10.0.0.0/16", c.toString());
        assertEquals("10.0.255.255", Cidr.formatAddress(c.end()));
        assertEquals("0.0.0.0/0", Cidr.parse("0.0.0.0/0").toString());
        assertEquals(1, Cidr.parse("192.168.1.7/32").size());
    }

    @Test
    void refusesMalformedAndUnalignedBlocks() {
        for (String bad : new String[] {"10.0.0.0", "10.0.0.0/33", "10.0.0/16", "10.0.0.256/24", "10.0.0.1/16",
                "a.b.c.d/8", "10.0.0.0/x", "", "10..0.0/16", "-1.0.0.0/8"}) {
            assertNull(Cidr.tryParse(bad), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse(null));
    }

    @Test
    void containmentAndOverlap() {
        Cidr vpc = Cidr.parse("10.0.0.0/16");
        assertTrue(vpc.contains(Cidr.parse("10.0.1.0/24")));
        assertTrue(vpc.contains(vpc));
        assertFalse(vpc.contains(Cidr.parse("10.1.0.0/24")));
        assertFalse(Cidr.parse("10.0.1.0/24").contains(vpc));
        assertTrue(Cidr.parse("10.0.0.0/23").overlaps(Cidr.parse("10.0.1.0/24")));
        assertFalse(Cidr.parse("10.0.0.0/24").overlaps(Cidr.parse("10.0.1.0/24")));
        assertTrue(vpc.contains(Cidr.parseAddress("10.0.200.3")));
    }

    @Test
    void subBlocksCountFromTheStart() {
        Cidr vpc = Cidr.parse("172.31.0.0/16");
        assertEquals("172.31.0.0/20", vpc.subBlock(20, 0).toString());
        assertEquals("172.31.48.0/20", vpc.subBlock(20, 3).toString());
    }

    @Test
    void indexFindsOverlapsWithoutScanning() {
        CidrIndex<String> index = new CidrIndex<>();
        index.add(Cidr.parse("10.0.1.0/24"), "a");
        index.add(Cidr.parse("10.0.3.0/24"), "b");
        assertEquals(Optional.of("a"), index.overlapping(Cidr.parse("10.0.0.0/23")));
        assertEquals(Optional.of("a"), index.overlapping(Cidr.parse("10.0.1.128/25")));
        assertEquals(Optional.of("b"), index.overlapping(Cidr.parse("10.0.0.0/16")));
        assertEquals(Optional.empty(), index.overlapping(Cidr.parse("10.0.2.0/24")));
        assertEquals(Optional.of("b"), index.containing(Cidr.parseAddress("10.0.3.9")));
        assertThrows(IllegalStateException.class, () -> index.add(Cidr.parse("10.0.1.0/25"), "c"));
        index.remove(Cidr.parse("10.0.1.0/24"));
        assertEquals(Optional.empty(), index.overlapping(Cidr.parse("10.0.1.0/24")));
        assertEquals(1, index.size());
    }

    @Test
    void indexAgreesWithABruteForceCheck() {
        Random random = new Random(42);
        CidrIndex<Cidr> index = new CidrIndex<>();
        java.util.List<Cidr> all = new java.util.ArrayList<>();
        Cidr vpc = Cidr.parse("10.0.0.0/16");
        for (int i = 0; i < 2000; i++) {
            int prefix = 20 + random.nextInt(9);
            Cidr c = vpc.subBlock(prefix, random.nextInt(1 << (prefix - 16)));
            boolean brute = all.stream().anyMatch(c::overlaps);
            assertEquals(brute, index.overlapping(c).isPresent(), c.toString());
            if (!brute) {
                index.add(c, c);
                all.add(c);
            }
        }
    }

    @Test
    void allocatorReservesFiveAddresses() {
        IpAllocator ips = new IpAllocator(Cidr.parse("10.0.1.0/24"));
        assertEquals(251, ips.available());
        assertEquals("10.0.1.4", Cidr.formatAddress(ips.allocate()));
        assertEquals(250, ips.available());
        assertFalse(ips.take(Cidr.parseAddress("10.0.1.4")));
        assertFalse(ips.take(Cidr.parseAddress("10.0.1.3")));
        assertFalse(ips.take(Cidr.parseAddress("10.0.1.255")));
        assertTrue(ips.take(Cidr.parseAddress("10.0.1.254")));
        ips.release(Cidr.parseAddress("10.0.1.4"));
        assertEquals(250, ips.available());
        IpAllocator tiny = new IpAllocator(Cidr.parse("10.0.0.16/28"));
        assertEquals(11, tiny.available());
        for (int i = 0; i < 11; i++) {
            assertTrue(tiny.allocate() > 0);
        }
        assertEquals(-1, tiny.allocate());
    }

    @Test
    void ipv6BlocksNest() {
        Ipv6.Block vpc = Ipv6.parse("2600:1f18:abcd:1200::/56");
        assertTrue(vpc.contains(Ipv6.parse("2600:1f18:abcd:12ff::/64")));
        assertFalse(vpc.contains(Ipv6.parse("2600:1f18:abcd:1300::/64")));
        assertEquals("2600:1f18:abcd:1200::/56", vpc.toString());
        Ipv6.Block random = Ipv6.amazonProvided56(new Random(1));
        assertTrue(random.toString().startsWith("2600:1f"), random.toString());
        assertEquals(random, Ipv6.parse(random.toString()));
        assertThrows(IllegalArgumentException.class, () -> Ipv6.parse("2600:1f18:abcd:1201::/56"));
    }
}
