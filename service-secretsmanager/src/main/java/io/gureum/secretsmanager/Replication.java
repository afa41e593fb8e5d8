package io.gureum.secretsmanager;

import io.gureum.core.ids.Arn;
import java.util.List;
import software.amazon.awssdk.services.secretsmanager.model.RemoveRegionsFromReplicationRequest;
import software.amazon.awssdk.services.secretsmanager.model.RemoveRegionsFromReplicationResponse;
import software.amazon.awssdk.services.secretsmanager.model.ReplicaRegionType;
import software.amazon.awssdk.services.secretsmanager.model.ReplicateSecretToRegionsRequest;
import software.amazon.awssdk.services.secretsmanager.model.ReplicateSecretToRegionsResponse;
import software.amazon.awssdk.services.secretsmanager.model.ReplicationStatusType;
import software.amazon.awssdk.services.secretsmanager.model.StopReplicationToReplicaRequest;
import software.amazon.awssdk.services.secretsmanager.model.StopReplicationToReplicaResponse;

/**
 * Multi-Region secrets (https://docs.aws.amazon.com/secretsmanager/latest/userguide/create-manage-multi-region-secrets.html):
 * a replica is a read-only secret of the same name and ARN suffix in another region of the account, which
 * reads its primary's versions; replication completes at once (status {@code InSync}). A region that
 * already has a secret of that name fails ({@code Failed}) unless ForceOverwriteReplicaSecret.
 * StopReplicationToReplica, called in the replica's region, makes it a standalone secret.
 */
final class Replication {
    private final SecretsStores stores;
    private final Encryption encryption;

    Replication(SecretsStores stores, Encryption encryption) {
        this.stores = stores;
        this.encryption = encryption;
    }

    public ReplicateSecretToRegionsResponse replicateSecretToRegions(ReplicateSecretToRegionsRequest r) {
        Secret secret = SecretLookup.writable(stores.forSecret(r.secretId()), r.secretId());
        List<ReplicationStatusType> status = replicate(secret, r.addReplicaRegions(),
                Boolean.TRUE.equals(r.forceOverwriteReplicaSecret()));
        return ReplicateSecretToRegionsResponse.builder().arn(secret.arn.toString()).replicationStatus(status).build();
    }

    public RemoveRegionsFromReplicationResponse removeRegionsFromReplication(RemoveRegionsFromReplicationRequest r) {
        Secret secret = SecretLookup.writable(stores.forSecret(r.secretId()), r.secretId());
        for (String region : r.removeReplicaRegions()) {
            if (!secret.replicas.containsKey(region)) {
                throw SecretsErrors.invalidParameter("The secret isn't replicated to region " + region + ".");
            }
        }
        for (String region : r.removeReplicaRegions()) {
            Secret replica = stores.store(secret.account, region).byName.get(secret.name);
            if (replica != null && replica.primary == secret) {
                stores.remove(replica);
            }
            secret.replicas.remove(region);
        }
        secret.lastChangedDate = stores.now();
        return RemoveRegionsFromReplicationResponse.builder().arn(secret.arn.toString())
                .replicationStatus(SecretViews.replicationStatus(secret)).build();
    }

    public StopReplicationToReplicaResponse stopReplicationToReplica(StopReplicationToReplicaRequest r) {
        Secret replica = SecretLookup.live(stores.forSecret(r.secretId()), r.secretId());
        if (!replica.isReplica()) {
            throw SecretsErrors.invalidRequest("The secret " + replica.name + " isn't a replica secret. Call"
                    + " StopReplicationToReplica in the region of a replica.");
        }
        Secret primary = replica.primary;
        for (SecretVersion v : primary.versions.values()) {
            SecretVersion copy = new SecretVersion(v.versionId, v.createdDate, null);
            copy.stages.addAll(v.stages);
            if (v.value != null) {
                SecretValue plain = encryption.decrypt(primary, v.versionId, v.value);
                replica.primary = null;
                copy.value = encryption.encrypt(replica, replica.kmsKeyId, v.versionId, plain);
                replica.primary = primary;
            }
            replica.versions.put(copy.versionId, copy);
        }
        replica.description = primary.description;
        replica.resourcePolicy = primary.resourcePolicy;
        replica.primary = null;
        primary.replicas.remove(replica.region);
        replica.lastChangedDate = stores.now();
        return StopReplicationToReplicaResponse.builder().arn(replica.arn.toString()).build();
    }

    /** Creates the replicas of {@code primary} in {@code regions}; returns the whole ReplicationStatus. */
    List<ReplicationStatusType> replicate(Secret primary, List<ReplicaRegionType> regions, boolean overwrite) {
        for (ReplicaRegionType want : regions) {
            String region = want.region();
            if (region == null || !stores.context.topology().isValidRegion(region)) {
                throw SecretsErrors.invalidParameter("Invalid replica region: " + region + ".");
            }
            if (region.equals(primary.region)) {
                throw SecretsErrors.invalidParameter("Invalid replica region: a secret can't be replicated to its"
                        + " own region.");
            }
        }
        for (ReplicaRegionType want : regions) {
            String region = want.region();
            if (primary.replicas.containsKey(region) && "InSync".equals(primary.replicas.get(region).status)) {
                continue;
            }
            SecretsStore target = stores.store(primary.account, region);
            Secret existing = target.byName.get(primary.name);
            if (existing != null && !overwrite) {
                primary.replicas.put(region, new Secret.Replica(region, want.kmsKeyId(), "Failed",
                        "Replication failed: Secret name already exists in the destination region."));
                continue;
            }
            if (existing != null) {
                stores.remove(existing);
            }
            Arn arn = Arn.of(primary.arn.partition(), primary.arn.service(), region, primary.account,
                    primary.arn.resource());
            Secret replica = new Secret(primary.account, region, primary.name, arn, stores.now());
            replica.primary = primary;
            replica.kmsKeyId = want.kmsKeyId();
            replica.tags.putAll(primary.tags);
            stores.add(replica);
            primary.replicas.put(region, new Secret.Replica(region, want.kmsKeyId(), "InSync",
                    "Replication succeeded"));
        }
        primary.lastChangedDate = stores.now();
        return SecretViews.replicationStatus(primary);
    }
}
