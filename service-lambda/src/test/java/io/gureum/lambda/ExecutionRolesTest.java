package io.gureum.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Trust policies as GetRole answers them: URL-encoded, as in AWS. */
class ExecutionRolesTest {
    static final String TRUST = "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":"
            + "\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";

    @Test
    void urlEncodedTrustPoliciesAreDecodedAndPlainOnesKept() {
        String encoded = java.net.URLEncoder.encode(TRUST, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
        assertEquals(TRUST, ExecutionRoles.decode(encoded));
        assertEquals(TRUST, ExecutionRoles.decode(TRUST));
        assertTrue(ExecutionRoles.trustsLambda(ExecutionRoles.decode(encoded)));
        assertFalse(ExecutionRoles.trustsLambda(encoded));
        assertFalse(ExecutionRoles.trustsLambda(TRUST.replace("Allow", "Deny")));
    }
}
