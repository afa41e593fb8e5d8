package io.gureum.core.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IpLiteralsTest {
    @Test
    void parsesDottedQuadsAndIpv6Literals() {
        assertArrayEquals(new byte[] {10, 0, 1, (byte) 255}, IpLiterals.parse("10.0.1.255"));
        assertEquals(16, IpLiterals.parse("2001:db8::1").length);
        assertEquals(16, IpLiterals.parse("::1").length);
        assertEquals(4, IpLiterals.parse("::ffff:192.0.2.1").length, "IPv4-mapped, as InetAddress gives it");
    }

    /**
     * Names are refused, never resolved: {@code localhost} resolves on every machine, so a lookup would have
     * answered 127.0.0.1; {@code bad.cafe} is all hex digits and {@code 1.2.3.999} a dotted quad out of range,
     * both of which {@link java.net.InetAddress#getByName} would send to DNS.
     */
    @ParameterizedTest
    @ValueSource(strings = {"localhost", "bad.cafe", "1.2.3.999", "example.com", ".::1", "1.2.3", "", "10.0.0.1%eth0",
        "fe80::1%1", "[::1]"})
    void refusesAnythingElseWithoutALookup(String text) {
        assertThrows(IpLiterals.NotALiteral.class, () -> IpLiterals.parse(text));
        assertNull(IpLiterals.address(text));
    }

    @Test
    void refusesAMalformedIpv6Literal() {
        assertThrows(IpLiterals.NotALiteral.class, () -> IpLiterals.parse("2001:db8:::1:2:3:4:5:6:7"));
        assertNull(IpLiterals.address(null));
    }
}
