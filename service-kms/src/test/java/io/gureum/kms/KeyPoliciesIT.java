package io.gureum.kms;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.MalformedPolicyDocumentException;
import software.amazon.awssdk.services.kms.model.NotFoundException;

class KeyPoliciesIT extends KmsTestSupport {

    @Test
    void defaultPolicyIsAwsText() {
        KeyMetadata k = symmetricKey();
        var policy = kms.getKeyPolicy(b -> b.keyId(k.keyId()).policyName("default"));
        assertEquals("default", policy.policyName());
        assertEquals("{\n  \"Version\" : \"2012-10-17\",\n  \"Id\" : \"key-default-1\",\n  \"Statement\" : [ {\n"
                + "    \"Sid\" : \"Enable IAM User Permissions\",\n    \"Effect\" : \"Allow\",\n    \"Principal\" : {\n"
                + "      \"AWS\" : \"arn:aws:iam::" + k.awsAccountId() + ":root\"\n    },\n    \"Action\" : \"kms:*\",\n"
                + "    \"Resource\" : \"*\"\n  } ]\n}", policy.policy());
        assertEquals(List.of("default"), kms.listKeyPolicies(b -> b.keyId(k.keyId())).policyNames());
    }

    @Test
    void putStoresThePolicyAsGiven() {
        KeyMetadata k = symmetricKey();
        String doc = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"*\"},"
                + "\"Action\":\"kms:Decrypt\",\"Resource\":\"*\"}]}";
        kms.putKeyPolicy(b -> b.keyId(k.keyId()).policy(doc));
        assertEquals(doc, kms.getKeyPolicy(b -> b.keyId(k.keyId())).policy());
        String created = kms.createKey(b -> b.policy(doc)).keyMetadata().keyId();
        assertEquals(doc, kms.getKeyPolicy(b -> b.keyId(created)).policy());
    }

    @Test
    void policyErrors() {
        KeyMetadata k = symmetricKey();
        assertError(MalformedPolicyDocumentException.class, "MalformedPolicyDocumentException", 400, null,
                () -> kms.putKeyPolicy(b -> b.keyId(k.keyId()).policy("{not json")));
        assertError(MalformedPolicyDocumentException.class, "MalformedPolicyDocumentException", 400, null,
                () -> kms.createKey(b -> b.policy("[]")));
        assertError(NotFoundException.class, "NotFoundException", 400, null,
                () -> kms.getKeyPolicy(b -> b.keyId(k.keyId()).policyName("other")));
    }
}
