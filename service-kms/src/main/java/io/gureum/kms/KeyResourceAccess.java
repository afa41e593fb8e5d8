package io.gureum.kms;

import io.gureum.core.ids.Arn;
import io.gureum.core.spi.ResourceAccess;

/**
 * A key's owner and key policy by key ARN, or by alias ARN (answered for the key the alias points at,
 * since the key policy is what governs access through an alias), in any account, for the authorizer.
 * KMS state is guarded by the store lock, held here only for the lookup.
 */
final class KeyResourceAccess {
    private final KmsStores stores;

    KeyResourceAccess(KmsStores stores) {
        this.stores = stores;
    }

    ResourceAccess of(String resourceArn) {
        if (resourceArn == null || !resourceArn.startsWith("arn:") || !resourceArn.contains(":kms:")) {
            return null;
        }
        Arn arn;
        try {
            arn = Arn.parse(resourceArn);
        } catch (IllegalArgumentException e) {
            return null;
        }
        stores.lock.lock();
        try {
            KmsStore store = stores.all.get(arn.accountId(), arn.region());
            String keyId = switch (arn.resourceType()) {
                case "key" -> arn.resourceId();
                case "alias" -> {
                    Alias alias = store.aliases.get(arn.resource());
                    yield alias == null ? null : alias.targetKeyId;
                }
                default -> null;
            };
            KmsKey key = keyId == null ? null : store.keys.get(keyId);
            return key == null ? null : new ResourceAccess(key.account, key.policy);
        } finally {
            stores.lock.unlock();
        }
    }
}
