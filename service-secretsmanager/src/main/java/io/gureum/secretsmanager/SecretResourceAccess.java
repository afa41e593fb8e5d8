package io.gureum.secretsmanager;

import io.gureum.core.ids.Arn;
import io.gureum.core.spi.ResourceAccess;
import java.util.concurrent.locks.Lock;

/**
 * A secret's owner and resource policy (PutResourcePolicy; a replica has its primary's) by secret ARN
 * of any account, for the authorizer, under the module's read lock for the lookup only.
 */
final class SecretResourceAccess {
    private final SecretsStores stores;

    SecretResourceAccess(SecretsStores stores) {
        this.stores = stores;
    }

    ResourceAccess of(String resourceArn) {
        if (resourceArn == null || !resourceArn.startsWith("arn:") || !resourceArn.contains(":secretsmanager:")) {
            return null;
        }
        Arn arn;
        try {
            arn = Arn.parse(resourceArn);
        } catch (IllegalArgumentException e) {
            return null;
        }
        Lock lock = stores.lock.readLock();
        lock.lock();
        try {
            Secret secret = SecretLookup.findOrNull(stores.store(arn.accountId(), arn.region()), resourceArn);
            return secret == null ? null : new ResourceAccess(secret.account, secret.source().resourcePolicy);
        } finally {
            lock.unlock();
        }
    }
}
