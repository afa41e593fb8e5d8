package io.gureum.core.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class LocalNamesTest {
    /** The regular expression the hand-written check replaced. */
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    @Test
    void dottedQuadAgreesWithTheFormerRegularExpression() {
        List<String> hosts = List.of("127.0.0.1", "0.0.0.0", "255.255.255.255", "999.999.999.999", "1.2.3",
                "1.2.3.4.5", "1..2.3", ".1.2.3", "1.2.3.", "1234.1.1.1", "1.2.3.4a", "a.b.c.d", "", "localhost",
                "10.0.0.01", "1.2.3.4 ", "١.٢.٣.٤", "1.2.3.-4", "12.34.56.789", "1.2.3.1234", "s3.localhost");
        for (String h : hosts) {
            assertEquals(IPV4.matcher(h).matches(), LocalNames.isDottedQuad(h), h);
        }
    }

    @Test
    void acceptsLocalNamesAndRefusesPublicOnes() {
        LocalNames names = new LocalNames(null);
        assertTrue(names.acceptsHost("127.0.0.1:4566"));
        assertTrue(names.acceptsHost("[::1]:4566"));
        assertTrue(names.acceptsHost("localhost"));
        assertTrue(names.acceptsHost("bucket.s3.localhost.localstack.cloud:4566"));
        assertFalse(names.acceptsHost("evil.example.com"));
        assertFalse(names.acceptsHost("1.2.3.example.com"));
    }
}
