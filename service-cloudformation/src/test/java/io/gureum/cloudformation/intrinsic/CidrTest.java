package io.gureum.cloudformation.intrinsic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class CidrTest {

    @Test
    void carvesConsecutiveBlocks() {
        // The examples of the Fn::Cidr reference page.
        assertEquals(List.of("192.168.0.0/27", "192.168.0.32/27", "192.168.0.64/27", "192.168.0.96/27",
                "192.168.0.128/27", "192.168.0.160/27"), Cidr.subnets("192.168.0.0/24", 6, 5));
        assertEquals(List.of("2001:db8::/64", "2001:db8:0:1::/64"), Cidr.subnets("2001:db8::/56", 2, 64));
        assertEquals(List.of("10.0.0.0/24", "10.0.1.0/24"), Cidr.subnets("10.0.0.0/16", 2, 8));
    }

    @Test
    void refusesMoreBlocksThanFit() {
        assertThrows(RuntimeException.class, () -> Cidr.subnets("10.0.0.0/24", 3, 7));
        assertThrows(RuntimeException.class, () -> Cidr.subnets("not-a-cidr", 1, 8));
    }
}
