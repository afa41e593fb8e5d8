package io.gureum.secretsmanager;

import java.util.List;

/**
 * Creates a secret's versions for CreateSecret, PutSecretValue, UpdateSecret and a rotation function's
 * createSecret step, with the ClientRequestToken's idempotency: a token that names a version with the same
 * value changes nothing; with another value it is ResourceExistsException, as a version never changes
 * (API_PutSecretValue.html). The empty version RotateSecret labels AWSPENDING takes the first value put
 * under its token.
 */
final class VersionWriter {
    static final String TOKEN_REQUIRED = "You must provide a ClientRequestToken value. We recommend a UUID-type value.";
    static final String VERSION_EXISTS = "You can't modify an existing version, you can only create new versions.";

    private final SecretsStores stores;
    private final Encryption encryption;

    VersionWriter(SecretsStores stores, Encryption encryption) {
        this.stores = stores;
        this.encryption = encryption;
    }

    /** The outcome: the version, and whether this call created (or filled) it. */
    record Written(SecretVersion version, boolean changed) {
    }

    /**
     * Stores {@code value} as version {@code token} with {@code stages} (AWSCURRENT when null or empty).
     *
     * @throws software.amazon.awssdk.services.secretsmanager.model.ResourceExistsException for a token of a
     *     version with another value
     */
    Written write(Secret secret, String token, SecretValue value, List<String> stages) {
        if (token == null) {
            throw SecretsErrors.invalidRequest(TOKEN_REQUIRED);
        }
        List<String> labels = stages == null || stages.isEmpty() ? List.of(StagingLabels.CURRENT) : stages;
        SecretVersion existing = secret.versions.get(token);
        if (existing != null && existing.value != null) {
            if (encryption.same(existing.value, value)) {
                return new Written(existing, false);
            }
            throw SecretsErrors.exists(VERSION_EXISTS);
        }
        SecretVersion version = existing != null ? existing : new SecretVersion(token, stores.now(), null);
        version.value = encryption.encrypt(secret, secret.kmsKeyId, token, value);
        if (existing == null) {
            secret.versions.put(token, version);
        }
        StagingLabels.attach(secret, version, labels);
        secret.lastChangedDate = stores.now();
        StagingLabels.prune(secret, stores.now());
        return new Written(version, true);
    }
}
