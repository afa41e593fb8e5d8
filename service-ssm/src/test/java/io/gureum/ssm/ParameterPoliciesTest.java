package io.gureum.ssm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ssm.model.IncompatiblePolicyException;
import software.amazon.awssdk.services.ssm.model.InvalidPolicyAttributeException;
import software.amazon.awssdk.services.ssm.model.InvalidPolicyTypeException;

class ParameterPoliciesTest {
    static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void expirationTimeAndPolicyTexts() {
        List<ParameterPolicy> p = ParameterPolicies.parse("[{\"Type\":\"Expiration\",\"Version\":\"1.0\",\"Attributes\":"
                + "{\"Timestamp\":\"2026-02-01T10:00:00.000Z\"}},{\"Type\":\"NoChangeNotification\",\"Version\":\"1.0\","
                + "\"Attributes\":{\"After\":\"3\",\"Unit\":\"Days\"}}]", NOW);
        assertEquals(Instant.parse("2026-02-01T10:00:00Z"), ParameterPolicies.expiresAt(p));
        assertEquals("{\"Type\":\"NoChangeNotification\",\"Version\":\"1.0\",\"Attributes\":{\"After\":\"3\",\"Unit\":\"Days\"}}",
                p.get(1).text());
        assertNull(ParameterPolicies.expiresAt(ParameterPolicies.parse("[]", NOW)));
    }

    @Test
    void refusals() {
        assertThrows(InvalidPolicyTypeException.class, () -> ParameterPolicies.parse("[{\"Type\":\"Other\"}]", NOW));
        assertThrows(IncompatiblePolicyException.class, () -> ParameterPolicies.parse(
                "[{\"Type\":\"NoChangeNotification\",\"Attributes\":{\"After\":\"1\",\"Unit\":\"Hours\"}},"
                        + "{\"Type\":\"NoChangeNotification\",\"Attributes\":{\"After\":\"2\",\"Unit\":\"Hours\"}}]", NOW));
        assertThrows(InvalidPolicyAttributeException.class, () -> ParameterPolicies.parse(
                "[{\"Type\":\"Expiration\",\"Attributes\":{\"Timestamp\":\"tomorrow\"}}]", NOW));
        assertThrows(InvalidPolicyAttributeException.class, () -> ParameterPolicies.parse("{}", NOW));
    }
}
