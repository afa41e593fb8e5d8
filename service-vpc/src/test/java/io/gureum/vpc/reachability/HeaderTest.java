package io.gureum.vpc.reachability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.vpc.net.Cidr;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeaderTest {
    @Test
    void blocksIntersectToTheNestedOne() {
        assertEquals(Cidr.parse("10.0.1.0/24"), Header.intersect(Cidr.parse("10.0.0.0/16"), Cidr.parse("10.0.1.0/24")));
        assertEquals(Cidr.parse("10.0.1.0/24"), Header.intersect(Cidr.parse("10.0.1.0/24"), Cidr.parse("0.0.0.0/0")));
        assertNull(Header.intersect(Cidr.parse("10.0.0.0/16"), Cidr.parse("10.1.0.0/16")));
    }

    @Test
    void portRanges() {
        assertEquals(new PortRange(1024, 1100), PortRange.EPHEMERAL.intersect(new PortRange(0, 1100)));
        assertNull(PortRange.EPHEMERAL.intersect(new PortRange(443, 443)));
        assertEquals(PortRange.ALL, PortRange.of(null, null));
        assertEquals(PortRange.ALL, PortRange.of(-1, -1));
        assertTrue(PortRange.ALL.covers(PortRange.EPHEMERAL));
        assertFalse(PortRange.EPHEMERAL.covers(PortRange.ALL));
    }

    @Test
    void theReplySwapsAddressesAndPorts() {
        Header h = new Header("tcp", Header.host("10.0.0.5"), Cidr.parse("0.0.0.0/0"), PortRange.EPHEMERAL,
                new PortRange(443, 443));
        Header r = h.reversed();
        assertEquals(Cidr.parse("0.0.0.0/0"), r.source());
        assertEquals(Header.host("10.0.0.5"), r.destination());
        assertEquals(new PortRange(443, 443), r.sourcePorts());
        assertEquals(PortRange.EPHEMERAL, r.destinationPorts());
        assertEquals(List.of("10.0.0.5"), h.toSdk().sourceAddresses());
        assertEquals(List.of("0.0.0.0/0"), h.toSdk().destinationAddresses());
    }

    @Test
    void protocolsMatchByNameOrNumber() {
        assertTrue(Protocols.matches("-1", "udp"));
        assertTrue(Protocols.matches("6", "tcp"));
        assertTrue(Protocols.matches("tcp", "TCP"));
        assertFalse(Protocols.matches("17", "tcp"));
        assertTrue(Protocols.ported("udp"));
        assertFalse(Protocols.ported("-1"));
    }
}
