package io.gureum.secretsmanager;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.secretsmanager.model.CreateSecretRequest;
import software.amazon.awssdk.services.secretsmanager.model.CreateSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.DeleteSecretRequest;
import software.amazon.awssdk.services.secretsmanager.model.DeleteSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretRequest;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.RestoreSecretRequest;
import software.amazon.awssdk.services.secretsmanager.model.RestoreSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.Tag;
import software.amazon.awssdk.services.secretsmanager.model.UpdateSecretRequest;
import software.amazon.awssdk.services.secretsmanager.model.UpdateSecretResponse;

/** A secret's life: CreateSecret, UpdateSecret, DescribeSecret, DeleteSecret (with its recovery window) and RestoreSecret. */
final class Secrets {
    static final String BOTH_VALUES =
            "You can't specify both a binary secret value and a string secret value in the same secret.";
    private static final int DEFAULT_RECOVERY_DAYS = 30;

    private final SecretsStores stores;
    private final Encryption encryption;
    private final VersionWriter writer;
    private final Replication replication;

    Secrets(SecretsStores stores, Encryption encryption, VersionWriter writer, Replication replication) {
        this.stores = stores;
        this.encryption = encryption;
        this.writer = writer;
        this.replication = replication;
    }

    public CreateSecretResponse createSecret(CreateSecretRequest r) {
        SecretsStore store = stores.current();
        String owningService = SecretNames.owningService(r.name());
        if (owningService == null) {
            SecretNames.check(r.name());
        }
        SecretValue value = value(r.secretString(), r.secretBinary() == null ? null : r.secretBinary());
        Secret existing = store.byName.get(r.name());
        if (existing != null) {
            return retried(existing, r, value);
        }
        Secret secret = new Secret(store.account, store.region, r.name(), stores.newArn(store.account, store.region,
                r.name()), stores.now());
        secret.description = r.description();
        secret.owningService = owningService;
        secret.kmsKeyId = r.kmsKeyId();
        secret.type = r.type();
        Map<String, String> tags = new LinkedHashMap<>();
        if (r.hasTags()) {
            for (Tag t : r.tags()) {
                tags.put(t.key(), t.value());
            }
        }
        secret.tags.putAll(tags);
        String versionId = null;
        if (value != null) {
            versionId = writer.write(secret, r.clientRequestToken(), value, null).version().versionId;
        }
        secret.lastChangedDate = secret.createdDate;
        stores.add(secret);
        CreateSecretResponse.Builder out = CreateSecretResponse.builder().arn(secret.arn.toString())
                .name(secret.name).versionId(versionId);
        if (r.hasAddReplicaRegions()) {
            out.replicationStatus(replication.replicate(secret, r.addReplicaRegions(),
                    Boolean.TRUE.equals(r.forceOverwriteReplicaSecret())));
        }
        return out.build();
    }

    /**
     * A create of a name that exists: the retry of the same request (same ClientRequestToken and value)
     * answers what the first one did (API_CreateSecret.html); anything else is refused.
     */
    private CreateSecretResponse retried(Secret existing, CreateSecretRequest r, SecretValue value) {
        if (existing.scheduledForDeletion()) {
            throw SecretsErrors.invalidRequest("You can't create this secret because a secret with this name is"
                    + " already scheduled for deletion.");
        }
        SecretVersion version = r.clientRequestToken() == null ? null : existing.versions.get(r.clientRequestToken());
        if (version == null || value == null || version.value == null) {
            throw SecretsErrors.exists("The operation failed because the secret " + existing.name + " already exists.");
        }
        if (!encryption.same(version.value, value)) {
            throw SecretsErrors.exists(VersionWriter.VERSION_EXISTS);
        }
        return CreateSecretResponse.builder().arn(existing.arn.toString()).name(existing.name)
                .versionId(version.versionId).build();
    }

    public UpdateSecretResponse updateSecret(UpdateSecretRequest r) {
        Secret secret = SecretLookup.writable(stores.forSecret(r.secretId()), r.secretId());
        SecretValue value = value(r.secretString(), r.secretBinary());
        if (value != null && r.clientRequestToken() != null && secret.versions.containsKey(r.clientRequestToken())
                && secret.versions.get(r.clientRequestToken()).value != null) {
            // "If you call this operation with a ClientRequestToken that matches an existing version's
            // VersionId, the operation results in an error." (API_UpdateSecret.html)
            throw SecretsErrors.exists(VersionWriter.VERSION_EXISTS);
        }
        if (r.description() != null) {
            secret.description = r.description();
        }
        if (r.type() != null) {
            secret.type = r.type();
        }
        if (r.kmsKeyId() != null) {
            reencrypt(secret, r.kmsKeyId());
        }
        String versionId = null;
        if (value != null) {
            versionId = writer.write(secret, r.clientRequestToken(), value, null).version().versionId;
        }
        secret.lastChangedDate = stores.now();
        return UpdateSecretResponse.builder().arn(secret.arn.toString()).name(secret.name).versionId(versionId)
                .build();
    }

    /**
     * A new key encrypts new versions and re-encrypts those labelled AWSCURRENT, AWSPENDING or AWSPREVIOUS
     * (UpdateSecret's KmsKeyId); an empty string means the AWS managed key.
     */
    private void reencrypt(Secret secret, String kmsKeyId) {
        Map<SecretVersion, EncryptedValue> updated = new LinkedHashMap<>();
        for (SecretVersion v : secret.versions.values()) {
            boolean labelled = v.stages.contains(StagingLabels.CURRENT) || v.stages.contains(StagingLabels.PENDING)
                    || v.stages.contains(StagingLabels.PREVIOUS);
            if (labelled && v.value != null) {
                SecretValue plain = encryption.decrypt(secret, v.versionId, v.value);
                updated.put(v, encryption.encrypt(secret, kmsKeyId, v.versionId, plain));
            }
        }
        updated.forEach((v, e) -> v.value = e);
        secret.kmsKeyId = kmsKeyId.isEmpty() ? null : kmsKeyId;
    }

    public DescribeSecretResponse describeSecret(DescribeSecretRequest r) {
        return SecretViews.describe(SecretLookup.find(stores.forSecret(r.secretId()), r.secretId()));
    }

    public DeleteSecretResponse deleteSecret(DeleteSecretRequest r) {
        boolean force = Boolean.TRUE.equals(r.forceDeleteWithoutRecovery());
        if (force && r.recoveryWindowInDays() != null) {
            throw SecretsErrors.invalidParameter(
                    "You can't use ForceDeleteWithoutRecovery in conjunction with RecoveryWindowInDays.");
        }
        long days = r.recoveryWindowInDays() == null ? DEFAULT_RECOVERY_DAYS : r.recoveryWindowInDays();
        if (!force && (days < 7 || days > 30)) {
            throw SecretsErrors.invalidParameter("The RecoveryWindowInDays value must be between 7 and 30 days"
                    + " (inclusive).");
        }
        SecretsStore store = stores.forSecret(r.secretId());
        Secret secret = SecretLookup.findOrNull(store, r.secretId());
        Instant now = stores.now();
        if (secret == null) {
            if (force) {
                // "If you forcibly delete an already deleted or nonexistent secret, the operation does not
                // return ResourceNotFoundException." (API_DeleteSecret.html)
                return DeleteSecretResponse.builder().name(r.secretId()).deletionDate(now).build();
            }
            throw SecretsErrors.notFound();
        }
        if (secret.isReplica()) {
            throw SecretsErrors.replicaReadOnly();
        }
        if (!secret.replicas.isEmpty()) {
            throw SecretsErrors.invalidRequest("You can't delete secret " + secret.name + " that still has replica"
                    + " regions " + secret.replicas.keySet() + ". Remove the replicas with RemoveRegionsFromReplication"
                    + " first.");
        }
        if (force) {
            stores.remove(secret);
            return DeleteSecretResponse.builder().arn(secret.arn.toString()).name(secret.name).deletionDate(now)
                    .build();
        }
        if (secret.scheduledForDeletion()) {
            throw SecretsErrors.markedForDeletion();
        }
        secret.deletedDate = now;
        secret.deletionDate = now.plus(Duration.ofDays(days));
        secret.lastChangedDate = now;
        return DeleteSecretResponse.builder().arn(secret.arn.toString()).name(secret.name)
                .deletionDate(secret.deletionDate).build();
    }

    public RestoreSecretResponse restoreSecret(RestoreSecretRequest r) {
        Secret secret = SecretLookup.find(stores.forSecret(r.secretId()), r.secretId());
        if (secret.isReplica()) {
            throw SecretsErrors.replicaReadOnly();
        }
        secret.deletedDate = null;
        secret.deletionDate = null;
        secret.lastChangedDate = stores.now();
        return RestoreSecretResponse.builder().arn(secret.arn.toString()).name(secret.name).build();
    }

    /** The value of a create, update or put: at most one of the two kinds. */
    static SecretValue value(String text, software.amazon.awssdk.core.SdkBytes binary) {
        if (text != null && binary != null) {
            throw SecretsErrors.invalidParameter(BOTH_VALUES);
        }
        return text == null && binary == null ? null : SecretValue.of(text, binary);
    }
}
