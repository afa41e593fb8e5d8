package io.gureum.secretsmanager;

import io.gureum.core.ids.Arn;

/**
 * Finds the secret a {@code SecretId} names in a store (the caller's, or for another account's full ARN
 * that account's, as {@link SecretsStores#forSecret} picks): its name, its ARN, or a
 * partial ARN without the six-character suffix
 * (https://docs.aws.amazon.com/secretsmanager/latest/userguide/troubleshoot.html#ARN_secretnamehyphen).
 * An ARN of another account or region than the store's names no secret there.
 */
final class SecretLookup {
    private SecretLookup() {
    }

    /** The secret, even if it is scheduled for deletion; ResourceNotFoundException if there is none. */
    static Secret find(SecretsStore store, String secretId) {
        Secret s = findOrNull(store, secretId);
        if (s == null) {
            throw SecretsErrors.notFound();
        }
        return s;
    }

    /** The secret, which must not be scheduled for deletion (InvalidRequestException). */
    static Secret live(SecretsStore store, String secretId) {
        Secret s = find(store, secretId);
        if (s.scheduledForDeletion()) {
            throw SecretsErrors.markedForDeletion();
        }
        return s;
    }

    /** A live secret that may be changed here: not a replica (its primary's region changes it). */
    static Secret writable(SecretsStore store, String secretId) {
        Secret s = live(store, secretId);
        if (s.isReplica()) {
            throw SecretsErrors.replicaReadOnly();
        }
        return s;
    }

    static Secret findOrNull(SecretsStore store, String secretId) {
        if (secretId == null) {
            return null;
        }
        if (!secretId.startsWith("arn:")) {
            return store.byName.get(secretId);
        }
        Arn arn;
        try {
            arn = Arn.parse(secretId);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (!arn.service().equals(SecretsStores.SERVICE) || !arn.accountId().equals(store.account)
                || !arn.region().equals(store.region) || !arn.resourceType().equals("secret")) {
            return null;
        }
        String resource = arn.resourceId();
        for (Secret s : store.byName.values()) {
            if (s.arn.toString().equals(secretId) || s.name.equals(resource)) {
                return s;
            }
        }
        return null;
    }
}
