package io.gureum.secretsmanager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.ids.Arn;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.secretsmanager.model.MalformedPolicyDocumentException;
import software.amazon.awssdk.services.secretsmanager.model.PublicPolicyException;
import software.amazon.awssdk.services.secretsmanager.model.Tag;
import software.amazon.awssdk.services.secretsmanager.model.ValidateResourcePolicyResponse;

/** TagResource / UntagResource (kept in core's registry) and resource policies. */
class TagsAndPoliciesIT extends SecretsTestSupport {
    static final String PUBLIC = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
            + "{\"AWS\":\"*\"},\"Action\":\"secretsmanager:GetSecretValue\",\"Resource\":\"*\"}]}";
    static final String ACCOUNT_ONLY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
            + "{\"AWS\":\"arn:aws:iam::111122223333:root\"},\"Action\":\"secretsmanager:GetSecretValue\","
            + "\"Resource\":\"*\"}]}";
    static final String CONDITIONED = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
            + "\"*\",\"Action\":\"secretsmanager:GetSecretValue\",\"Resource\":\"*\",\"Condition\":{\"StringEquals\":"
            + "{\"aws:PrincipalAccount\":\"111122223333\"}}}]}";

    @Test
    void tagsAreAddedOverwrittenAndRemovedInTheRegistry() {
        String name = unique("tags");
        String arn = create(name, "v");
        sm.tagResource(b -> b.secretId(name).tags(Tag.builder().key("a").value("1").build(),
                Tag.builder().key("b").value("2").build()));
        sm.tagResource(b -> b.secretId(arn).tags(Tag.builder().key("a").value("one").build()));
        sm.untagResource(b -> b.secretId(name).tagKeys("b", "not-there"));
        assertEquals(Map.of("a", "one"), gureum.context().registry().tags(Arn.parse(arn)));
        var tags = sm.describeSecret(b -> b.secretId(name)).tags();
        assertEquals(1, tags.size());
        assertEquals("one", tags.get(0).value());
    }

    @Test
    void policiesArePutReadAndDeleted() {
        String name = unique("pol");
        create(name, "v");
        assertNull(sm.getResourcePolicy(b -> b.secretId(name)).resourcePolicy());
        sm.putResourcePolicy(b -> b.secretId(name).resourcePolicy(ACCOUNT_ONLY));
        assertEquals(ACCOUNT_ONLY, sm.getResourcePolicy(b -> b.secretId(name)).resourcePolicy());
        sm.deleteResourcePolicy(b -> b.secretId(name));
        assertNull(sm.getResourcePolicy(b -> b.secretId(name)).resourcePolicy());
    }

    @Test
    void blockPublicPolicyRefusesAWildcardPrincipalWithoutACondition() {
        String name = unique("public");
        create(name, "v");
        assertError(PublicPolicyException.class, "PublicPolicyException", null,
                () -> sm.putResourcePolicy(b -> b.secretId(name).resourcePolicy(PUBLIC).blockPublicPolicy(true)));
        sm.putResourcePolicy(b -> b.secretId(name).resourcePolicy(CONDITIONED).blockPublicPolicy(true));
        sm.putResourcePolicy(b -> b.secretId(name).resourcePolicy(PUBLIC));
        assertEquals(PUBLIC, sm.getResourcePolicy(b -> b.secretId(name)).resourcePolicy());
    }

    @Test
    void malformedPoliciesAreRefused() {
        String name = unique("malformed");
        create(name, "v");
        assertError(MalformedPolicyDocumentException.class, "MalformedPolicyDocumentException",
                "This policy has invalid syntax.", () -> sm.putResourcePolicy(b -> b.secretId(name)
                        .resourcePolicy("{not json")));
        assertError(MalformedPolicyDocumentException.class, "MalformedPolicyDocumentException",
                "This policy has invalid syntax.", () -> sm.putResourcePolicy(b -> b.secretId(name)
                        .resourcePolicy("{\"Version\":\"2019-10-19\",\"Statement\":[]}")));
    }

    @Test
    void validateReportsBroadAccess() {
        ValidateResourcePolicyResponse bad = sm.validateResourcePolicy(b -> b.resourcePolicy(PUBLIC));
        assertFalse(bad.policyValidationPassed());
        assertEquals(1, bad.validationErrors().size());
        ValidateResourcePolicyResponse good = sm.validateResourcePolicy(b -> b.resourcePolicy(ACCOUNT_ONLY));
        assertTrue(good.policyValidationPassed());
        assertTrue(good.validationErrors().isEmpty());
    }
}
