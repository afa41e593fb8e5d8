package io.gureum.ssm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ssm.model.MalformedResourcePolicyDocumentException;
import software.amazon.awssdk.services.ssm.model.ParameterTier;
import software.amazon.awssdk.services.ssm.model.ParameterType;
import software.amazon.awssdk.services.ssm.model.ResourceNotFoundException;
import software.amazon.awssdk.services.ssm.model.ResourcePolicyConflictException;
import software.amazon.awssdk.services.ssm.model.ResourcePolicyInvalidParameterException;
import software.amazon.awssdk.services.ssm.model.ResourcePolicyLimitExceededException;
import software.amazon.awssdk.services.ssm.model.ResourcePolicyNotFoundException;

/** Resource policies of advanced parameters and the OpsItemGroup: IDs, hashes, conflicts, errors. */
class ResourcePoliciesIT extends StateManagerTestSupport {
    static final String POLICY = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},\
            "Action":["ssm:GetParameter"],"Resource":"%s"}]}""";

    private static String parameter(ParameterTier tier) {
        String name = unique("/shared/p");
        return ssm.putParameter(b -> b.name(name).value("v").type(ParameterType.STRING).tier(tier)).tier() != null
                ? ssm.getParameter(b -> b.name(name)).parameter().arn() : null;
    }

    @Test
    void putGetUpdateAndDeleteWithIdAndHash() {
        String arn = parameter(ParameterTier.ADVANCED);
        var put = ssm.putResourcePolicy(b -> b.resourceArn(arn).policy(POLICY.formatted(arn)));
        var listed = ssm.getResourcePolicies(b -> b.resourceArn(arn)).policies();
        assertEquals(1, listed.size());
        assertEquals(put.policyId(), listed.get(0).policyId());
        assertEquals(put.policyHash(), listed.get(0).policyHash());
        assertEquals(POLICY.formatted(arn), listed.get(0).policy());

        String changed = POLICY.formatted(arn).replace("ssm:GetParameter\"", "ssm:GetParameter\",\"ssm:GetParameters\"");
        assertError(ResourcePolicyConflictException.class, "ResourcePolicyConflictException", 400, null,
                () -> ssm.putResourcePolicy(b -> b.resourceArn(arn).policy(changed).policyId(put.policyId())
                        .policyHash("stale")));
        var updated = ssm.putResourcePolicy(b -> b.resourceArn(arn).policy(changed).policyId(put.policyId())
                .policyHash(put.policyHash()));
        assertEquals(put.policyId(), updated.policyId());
        assertNotEquals(put.policyHash(), updated.policyHash());
        assertError(ResourcePolicyNotFoundException.class, "ResourcePolicyNotFoundException", 400, null,
                () -> ssm.putResourcePolicy(b -> b.resourceArn(arn).policy(changed).policyId("nope").policyHash("x")));
        assertError(ResourcePolicyConflictException.class, "ResourcePolicyConflictException", 400, null,
                () -> ssm.deleteResourcePolicy(b -> b.resourceArn(arn).policyId(put.policyId())
                        .policyHash(put.policyHash())));
        ssm.deleteResourcePolicy(b -> b.resourceArn(arn).policyId(put.policyId()).policyHash(updated.policyHash()));
        assertTrue(ssm.getResourcePolicies(b -> b.resourceArn(arn)).policies().isEmpty());
        assertError(ResourcePolicyNotFoundException.class, "ResourcePolicyNotFoundException", 400, null,
                () -> ssm.deleteResourcePolicy(b -> b.resourceArn(arn).policyId(put.policyId())
                        .policyHash(updated.policyHash())));
    }

    @Test
    void onlyAdvancedParametersThatExistWithAWellFormedPolicy() {
        String standard = parameter(ParameterTier.STANDARD);
        assertError(ResourcePolicyInvalidParameterException.class, "ResourcePolicyInvalidParameterException", 400, null,
                () -> ssm.putResourcePolicy(b -> b.resourceArn(standard).policy(POLICY.formatted(standard))));
        String arn = parameter(ParameterTier.ADVANCED);
        assertError(MalformedResourcePolicyDocumentException.class, "MalformedResourcePolicyDocumentException", 400,
                null, () -> ssm.putResourcePolicy(b -> b.resourceArn(arn).policy("{not json")));
        assertError(ResourcePolicyLimitExceededException.class, "ResourcePolicyLimitExceededException", 400, null,
                () -> ssm.putResourcePolicy(b -> b.resourceArn(arn).policy(POLICY.formatted(arn + "x".repeat(1024)))));
        String missing = arn + "-gone";
        assertError(ResourceNotFoundException.class, "ResourceNotFoundException", 400, null,
                () -> ssm.getResourcePolicies(b -> b.resourceArn(missing)));

        var put = ssm.putResourcePolicy(b -> b.resourceArn(arn).policy(POLICY.formatted(arn)));
        String name = arn.substring(arn.indexOf(":parameter") + ":parameter".length());
        ssm.deleteParameter(b -> b.name(name));
        assertError(ResourceNotFoundException.class, "ResourceNotFoundException", 400, null,
                () -> ssm.getResourcePolicies(b -> b.resourceArn(arn)));
        ssm.putParameter(b -> b.name(name).value("again").type(ParameterType.STRING).tier(ParameterTier.ADVANCED));
        assertTrue(ssm.getResourcePolicies(b -> b.resourceArn(arn)).policies().isEmpty(),
                "a deleted parameter's policies went with it, not to its successor " + put.policyId());
    }

    @Test
    void theOpsItemGroupTakesOnePolicy() {
        String account = ssm.getParameter(b -> b.name(parameter(ParameterTier.ADVANCED).replaceAll(".*:parameter", "")))
                .parameter().arn().split(":")[4];
        String group = "arn:aws:ssm:us-east-1:" + account + ":opsitemgroup/default";
        var first = ssm.putResourcePolicy(b -> b.resourceArn(group).policy(POLICY.formatted(group)));
        assertError(ResourcePolicyLimitExceededException.class, "ResourcePolicyLimitExceededException", 400, null,
                () -> ssm.putResourcePolicy(b -> b.resourceArn(group).policy(POLICY.formatted(group))));
        ssm.deleteResourcePolicy(b -> b.resourceArn(group).policyId(first.policyId()).policyHash(first.policyHash()));
        assertError(ResourcePolicyInvalidParameterException.class, "ResourcePolicyInvalidParameterException", 400, null,
                () -> ssm.getResourcePolicies(b -> b.resourceArn("arn:aws:ssm:us-east-1:" + account + ":document/x")));
    }
}
