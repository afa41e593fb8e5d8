package io.gureum.ssm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ssm.model.IncompatiblePolicyException;
import software.amazon.awssdk.services.ssm.model.InvalidPolicyAttributeException;
import software.amazon.awssdk.services.ssm.model.InvalidPolicyTypeException;
import software.amazon.awssdk.services.ssm.model.ParameterInlinePolicy;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterTier;
import software.amazon.awssdk.services.ssm.model.ParameterType;
import software.amazon.awssdk.services.ssm.model.ValidationException;

/** Parameter policies: Advanced tier only, their checks, and Expiration deleting on the emulated clock. */
class PoliciesIT extends SsmTestSupport {

    static String expiration(Instant at) {
        return "{\"Type\":\"Expiration\",\"Version\":\"1.0\",\"Attributes\":{\"Timestamp\":\"" + at + "\"}}";
    }

    @Test
    void anExpirationDeletesTheParameterWhenTheClockPassesIt() {
        String name = unique("/expiring");
        Instant at = gureum.context().clock().now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS);
        String policies = "[" + expiration(at) + ",{\"Type\":\"ExpirationNotification\",\"Version\":\"1.0\","
                + "\"Attributes\":{\"Before\":\"1\",\"Unit\":\"Days\"}},{\"Type\":\"NoChangeNotification\","
                + "\"Version\":\"1.0\",\"Attributes\":{\"After\":\"20\",\"Unit\":\"Hours\"}}]";
        ssm.putParameter(b -> b.name(name).value("v").type(ParameterType.STRING).tier(ParameterTier.ADVANCED)
                .policies(policies));
        List<ParameterInlinePolicy> listed = ssm.describeParameters(b -> b.parameterFilters(f -> f.key("Name")
                .values(name))).parameters().get(0).policies();
        assertEquals(List.of("Expiration", "ExpirationNotification", "NoChangeNotification"),
                listed.stream().map(ParameterInlinePolicy::policyType).toList());
        assertEquals("Pending", listed.get(0).policyStatus());

        ssm.putParameter(b -> b.name(name).value("v2").overwrite(true));
        assertEquals(3, ssm.getParameterHistory(b -> b.name(name)).parameters().get(1).policies().size(),
                "policies stay until new ones are sent");
        gureum.context().clock().advance(Duration.ofDays(1));
        assertEquals("v2", ssm.getParameter(b -> b.name(name)).parameter().value());
        gureum.context().clock().advance(Duration.ofDays(1).plusSeconds(1));
        assertError(ParameterNotFoundException.class, "ParameterNotFound", 400, null,
                () -> ssm.getParameter(b -> b.name(name)));
    }

    @Test
    void intelligentTieringWithPoliciesIsAdvancedAndStandardRefusesThem() {
        String policies = "[" + expiration(gureum.context().clock().now().plus(Duration.ofDays(30))) + "]";
        assertEquals(ParameterTier.ADVANCED, ssm.putParameter(b -> b.name(unique("/it")).value("v")
                .type(ParameterType.STRING).tier(ParameterTier.INTELLIGENT_TIERING).policies(policies)).tier());
        assertError(ValidationException.class, "ValidationException", 400, null,
                () -> ssm.putParameter(b -> b.name(unique("/std")).value("v").type(ParameterType.STRING)
                        .policies(policies)));
    }

    @Test
    void badPolicies() {
        String future = expiration(gureum.context().clock().now().plus(Duration.ofDays(30)));
        assertError(InvalidPolicyTypeException.class, "InvalidPolicyTypeException", 400, null,
                () -> advanced("[{\"Type\":\"Rotation\",\"Version\":\"1.0\",\"Attributes\":{}}]"));
        assertError(IncompatiblePolicyException.class, "IncompatiblePolicyException", 400, null,
                () -> advanced("[" + future + "," + future + "]"));
        assertError(InvalidPolicyAttributeException.class, "InvalidPolicyAttributeException", 400, null,
                () -> advanced("[" + expiration(Instant.parse("2001-01-01T00:00:00Z")) + "]"));
        assertError(InvalidPolicyAttributeException.class, "InvalidPolicyAttributeException", 400, null,
                () -> advanced("[{\"Type\":\"NoChangeNotification\",\"Version\":\"1.0\",\"Attributes\":"
                        + "{\"After\":\"2\",\"Unit\":\"Weeks\"}}]"));
        assertError(InvalidPolicyAttributeException.class, "InvalidPolicyAttributeException", 400, null,
                () -> advanced("not json"));
    }

    private static void advanced(String policies) {
        ssm.putParameter(b -> b.name(unique("/policy")).value("v").type(ParameterType.STRING)
                .tier(ParameterTier.ADVANCED).policies(policies));
    }
}
