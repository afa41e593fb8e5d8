package io.gureum.vpc.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class IpBlockTest {
    static IpBlock b(String text) {
        return IpBlock.parse(text);
    }

    @Test
    void parsesStrictlyAndPrintsShortest() {
        assertEquals("10.0.0.0/8", b("10.0.0.0/8").toString());
        assertNull(b("10.0.0.1/8"));
        assertNull(b("10.0.0.0/33"));
        assertNull(b("nonsense"));
        assertEquals("2001:db8::/32", b("2001:0db8:0000::/32").toString());
        assertEquals("2001:db8:0:1::/64", b("2001:db8:0:1::/64").toString());
        assertEquals("::/0", b("::/0").toString());
        assertNull(b("2001:db8::1/64"));
        assertTrue(b("2001:db8::/32").ipv6());
    }

    @Test
    void containsAndOverlapsWithinOneFamily() {
        assertTrue(b("10.0.0.0/8").contains(b("10.1.0.0/16")));
        assertFalse(b("10.1.0.0/16").contains(b("10.0.0.0/8")));
        assertTrue(b("10.0.0.0/8").overlaps(b("10.255.0.0/16")));
        assertFalse(b("10.0.0.0/16").overlaps(b("10.1.0.0/16")));
        assertFalse(b("0.0.0.0/0").overlaps(b("::/0")), "families never overlap");
    }

    @Test
    void firstFreeSkipsTakenBlocksOnAlignedBoundaries() {
        IpBlock pool = b("10.0.0.0/16");
        assertEquals("10.0.0.0/24", pool.firstFree(24, List.of()).toString());
        assertEquals("10.0.4.0/22", pool.firstFree(22, List.of(b("10.0.0.0/24"))).toString());
        assertEquals("10.0.1.0/24", pool.firstFree(24, List.of(b("10.0.0.0/24"), b("10.0.4.0/22"))).toString());
        assertNull(pool.firstFree(16, List.of(b("10.0.200.0/24"))));
        assertNull(pool.firstFree(8, List.of()), "larger than the block");
        assertEquals("2001:db8:0:100::/56", b("2001:db8::/48").firstFree(56, List.of(b("2001:db8::/56")))
                .toString());
    }
}
