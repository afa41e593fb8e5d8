package io.gureum.kms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.GureumConfig;
import io.gureum.core.auth.Accounts;
import io.gureum.core.events.EventBus;
import io.gureum.core.ids.ResourceIds;
import io.gureum.core.protocol.RequestContext;
import io.gureum.core.spi.ResourceAccess;
import io.gureum.core.spi.ServiceContext;
import io.gureum.core.spi.ServiceInstance;
import io.gureum.core.state.ResourceRegistry;
import io.gureum.core.testing.AwsClients;
import io.gureum.core.time.GureumClock;
import io.gureum.core.topology.Topology;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.CreateAliasRequest;
import software.amazon.awssdk.services.kms.model.CreateKeyRequest;
import software.amazon.awssdk.services.kms.model.GrantOperation;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.NotFoundException;
import software.amazon.awssdk.services.kms.model.PutKeyPolicyRequest;

/**
 * Another account uses a key by its key ARN or alias ARN (the key policy decides, under
 * {@code --enforce-iam}); management operations stay the owner's; the authorizer reads owner and policy.
 */
class CrossAccountKeysIT extends KmsTestSupport {
    static final String OWNER = "111111111111";
    static final String OTHER = "222222222222";

    static KmsClient as(String account) {
        return AwsClients.client(KmsClient.builder(), gureum.endpoint(), account, "us-east-1");
    }

    @Test
    void anotherAccountUsesTheKeyByArnButCannotManageIt() {
        try (KmsClient owner = as(OWNER); KmsClient other = as(OTHER)) {
            KeyMetadata key = owner.createKey(b -> b.description("shared")).keyMetadata();
            String alias = "alias/" + unique("shared");
            owner.createAlias(b -> b.aliasName(alias).targetKeyId(key.keyId()));
            SdkBytes ct = other.encrypt(b -> b.keyId(key.arn()).plaintext(bytes("secret"))).ciphertextBlob();
            assertEquals("secret", other.decrypt(b -> b.ciphertextBlob(ct)).plaintext().asUtf8String());
            assertEquals("secret", owner.decrypt(b -> b.ciphertextBlob(ct)).plaintext().asUtf8String());
            String aliasArn = "arn:aws:kms:us-east-1:" + OWNER + ":" + alias;
            assertEquals(key.arn(), other.describeKey(b -> b.keyId(aliasArn)).keyMetadata().arn());
            assertTrue(other.createGrant(b -> b.keyId(key.arn()).granteePrincipal("arn:aws:iam::" + OTHER + ":root")
                    .operations(GrantOperation.DECRYPT)).grantId() != null);
            assertEquals(1, other.listGrants(b -> b.keyId(key.arn())).grants().size());
            assertError(NotFoundException.class, "NotFoundException", 400, null,
                    () -> other.describeKey(b -> b.keyId(key.keyId())));
            assertError(NotFoundException.class, "NotFoundException", 400, null,
                    () -> other.getKeyPolicy(b -> b.keyId(key.arn())));
            assertError(NotFoundException.class, "NotFoundException", 400, null,
                    () -> other.describeKey(b -> b.keyId(alias)));
        }
    }

    @Test
    void resourceAccessAnswersTheKeyPolicyByKeyOrAliasArn() throws Exception {
        ServiceContext context = new ServiceContext(GureumConfig.builder().build(), new GureumClock(),
                new ResourceIds(), new ResourceRegistry(), new EventBus(), Topology.standard(), new Accounts(OWNER));
        ServiceInstance instance = new KmsService().create(context);
        try {
            Keys keys = provider(instance, Keys.class);
            Aliases aliases = provider(instance, Aliases.class);
            KeyPolicies policies = provider(instance, KeyPolicies.class);
            RequestContext ctx = new RequestContext("r", OWNER, "us-east-1", "test", "kms", null);
            String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                    + "\"Principal\":{\"AWS\":\"arn:aws:iam::" + OTHER + ":root\"},\"Action\":\"kms:Decrypt\","
                    + "\"Resource\":\"*\"}]}";
            KeyMetadata key = ctx.call(() -> {
                KeyMetadata k = keys.createKey(CreateKeyRequest.builder().build()).keyMetadata();
                aliases.createAlias(CreateAliasRequest.builder().aliasName("alias/app").targetKeyId(k.keyId()).build());
                return k;
            });
            ResourceAccess a = instance.resourceAccess(key.arn());
            assertEquals(OWNER, a.ownerAccountId());
            assertTrue(a.policyJson().contains(":root"), "the default key policy trusts the account");
            ctx.call(() -> policies.putKeyPolicy(PutKeyPolicyRequest.builder().keyId(key.keyId()).policy(policy)
                    .build()));
            assertEquals(policy, instance.resourceAccess(key.arn()).policyJson());
            assertEquals(policy, instance.resourceAccess("arn:aws:kms:us-east-1:" + OWNER + ":alias/app").policyJson());
            assertNull(instance.resourceAccess("arn:aws:kms:us-east-1:" + OWNER + ":alias/none"));
            assertNull(instance.resourceAccess("arn:aws:kms:us-east-1:" + OTHER + ":key/" + key.keyId()));
        } finally {
            instance.close();
        }
    }

    static <T> T provider(ServiceInstance instance, Class<T> type) {
        return instance.providers().stream().filter(type::isInstance).map(type::cast).findFirst().orElseThrow();
    }
}
