package io.gureum.vpc;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The shape check of Client VPN authorization policy documents (Cedar statements). */
class ClientVpnPolicyShapeTest {
    @Test
    void cedarStatementsPassAndOtherTextDoesNot() {
        assertTrue(ClientVpnAuthorizationPolicies.cedarShaped("permit (principal, action, resource);"));
        assertTrue(ClientVpnAuthorizationPolicies.cedarShaped("@id(\"p1\")\nforbid (principal, action, resource)\n"
                + "unless { context.posture.os == \"macOS;\" };\n// trailing comment\npermit(principal,action,resource);"));
        assertFalse(ClientVpnAuthorizationPolicies.cedarShaped(""));
        assertFalse(ClientVpnAuthorizationPolicies.cedarShaped("permit (principal, action, resource)"));
        assertFalse(ClientVpnAuthorizationPolicies.cedarShaped("allow (principal);"));
        assertFalse(ClientVpnAuthorizationPolicies.cedarShaped("permit (principal, action, resource when { x };"));
        assertFalse(ClientVpnAuthorizationPolicies.cedarShaped("{\"Version\": \"2012-10-17\"};"));
    }
}
