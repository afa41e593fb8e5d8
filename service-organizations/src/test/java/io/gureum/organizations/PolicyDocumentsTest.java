package io.gureum.organizations;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.organizations.model.ConstraintViolationException;
import software.amazon.awssdk.services.organizations.model.MalformedPolicyDocumentException;

/** The policy grammars and the inheritance operators, without a server. */
class PolicyDocumentsTest {

    @Test
    void scpGrammar() {
        assertDoesNotThrow(() -> PolicyContents.check("SERVICE_CONTROL_POLICY",
                "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"NotAction\":\"iam:*\",\"Resource\":\"*\"}}"));
        for (String bad : new String[] {"[]", "{}", "{\"Statement\":[]}",
            "{\"Version\":\"2008-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"*\"}]}",
            "{\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"*\",\"NotAction\":\"s3:*\"}]}",
            "{\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"*\",\"Principal\":\"*\"}]}"}) {
            assertThrows(MalformedPolicyDocumentException.class,
                    () -> PolicyContents.check("SERVICE_CONTROL_POLICY", bad), bad);
        }
    }

    @Test
    void rcpsDenyAPrincipalsAccessToResources() {
        assertDoesNotThrow(() -> PolicyContents.check("RESOURCE_CONTROL_POLICY", "{\"Version\":\"2012-10-17\","
                + "\"Statement\":[{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}"));
        assertThrows(MalformedPolicyDocumentException.class, () -> PolicyContents.check("RESOURCE_CONTROL_POLICY",
                "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}"));
    }

    @Test
    void sizeLimitsByType() {
        String tagPolicy = "{\"tags\":{\"a\":{\"tag_key\":{\"@@assign\":\"" + "x".repeat(6000) + "\"}}}}";
        assertDoesNotThrow(() -> PolicyContents.check("TAG_POLICY", tagPolicy));
        ConstraintViolationException e = assertThrows(ConstraintViolationException.class,
                () -> PolicyContents.check("AISERVICES_OPT_OUT_POLICY", tagPolicy));
        assertEquals("POLICY_CONTENT_LIMIT_EXCEEDED", e.reasonAsString());
    }

    @Test
    void operatorsAssignAppendAndRemoveFromParentToChild() throws Exception {
        ObjectNode merged = PolicyContents.JSON.createObjectNode();
        EffectivePolicies.merge(merged, PolicyContents.JSON.readTree("{\"tags\":{\"env\":{\"tag_key\":{\"@@assign\":"
                + "\"Env\"},\"tag_value\":{\"@@assign\":[\"dev\",\"test\",\"prod\"]}}}}"));
        EffectivePolicies.merge(merged, PolicyContents.JSON.readTree(
                "{\"tags\":{\"env\":{\"tag_value\":{\"@@remove\":[\"test\"],\"@@append\":[\"qa\"]}}}}"));
        assertEquals("{\"tags\":{\"env\":{\"tag_key\":\"Env\",\"tag_value\":[\"dev\",\"prod\",\"qa\"]}}}", merged.toString());
    }
}
