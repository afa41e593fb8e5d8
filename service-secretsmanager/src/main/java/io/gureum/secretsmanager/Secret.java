package io.gureum.secretsmanager;

import io.gureum.core.ids.Arn;
import io.gureum.core.state.RegisteredTags;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.secretsmanager.model.RotationRulesType;

/**
 * One secret in one account and region: metadata, versions with their staging labels, rotation settings,
 * resource policy and replication. A replica (in another region) has {@link #primary} set and reads its
 * versions from it. Guarded by the module's store lock.
 */
final class Secret {
    final String account;
    final String region;
    final String name;
    final Arn arn;
    final Instant createdDate;
    final RegisteredTags tags = new RegisteredTags();
    final Map<String, SecretVersion> versions = new LinkedHashMap<>();
    /** The replicas of a primary, by region, in the order they were added. */
    final Map<String, Replica> replicas = new LinkedHashMap<>();

    String description;
    /** As the caller gave it; null for the AWS managed key {@code alias/aws/secretsmanager}. */
    String kmsKeyId;
    String type;
    String owningService;
    volatile Instant lastChangedDate;
    volatile Instant lastAccessedDate;
    /** When DeleteSecret scheduled the deletion, and when the secret goes for good; null when not scheduled. */
    Instant deletedDate;
    Instant deletionDate;
    String resourcePolicy;

    Boolean rotationEnabled;
    String rotationLambdaArn;
    RotationRulesType rotationRules;
    Instant lastRotatedDate;
    Instant nextRotationDate;
    /** The ClientRequestToken of the rotation the worker is running, or null. */
    volatile String rotationInProgress;

    /** The primary of a replica; null for a primary (or a secret that is not replicated). */
    Secret primary;

    /** A replica's region, key and status, as ReplicationStatus reports it. */
    static final class Replica {
        final String region;
        final String kmsKeyId;
        String status;
        String statusMessage;

        Replica(String region, String kmsKeyId, String status, String statusMessage) {
            this.region = region;
            this.kmsKeyId = kmsKeyId;
            this.status = status;
            this.statusMessage = statusMessage;
        }
    }

    Secret(String account, String region, String name, Arn arn, Instant createdDate) {
        this.account = account;
        this.region = region;
        this.name = name;
        this.arn = arn;
        this.createdDate = createdDate;
        this.lastChangedDate = createdDate;
    }

    boolean scheduledForDeletion() {
        return deletedDate != null;
    }

    boolean isReplica() {
        return primary != null;
    }

    /** The secret whose versions this one reads: itself, or a replica's primary. */
    Secret source() {
        return primary != null ? primary : this;
    }

    /** The version with {@code stage}, or null. */
    SecretVersion versionWithStage(String stage) {
        for (SecretVersion v : source().versions.values()) {
            if (v.stages.contains(stage)) {
                return v;
            }
        }
        return null;
    }

    SecretVersion version(String versionId) {
        return source().versions.get(versionId);
    }

    /** VersionIdsToStages: the versions that have labels, in creation order. */
    Map<String, List<String>> versionIdsToStages() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (SecretVersion v : source().versions.values()) {
            if (!v.deprecated()) {
                out.put(v.versionId, new ArrayList<>(v.stages));
            }
        }
        return out;
    }

    /** The region the secret originated in, once it has replicas or is one; null otherwise. */
    String primaryRegion() {
        if (primary != null) {
            return primary.region;
        }
        return replicas.isEmpty() ? null : region;
    }
}
