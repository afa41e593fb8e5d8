package io.gureum.secretsmanager;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.core.persist.SdkJson;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.secretsmanager.model.RotationRulesType;

/**
 * A secret as {@code --data-dir} keeps it: its metadata, resource policy, rotation settings, replication
 * (a replica names its primary's region; a primary lists its replicas), tags, and each version with its
 * staging labels and its value as stored — AES-GCM ciphertext under a KMS-encrypted data key, so KMS must
 * persist too for it to decrypt. A rotation running at the stop is not kept: after a restart the secret is
 * as after a rotation that failed (AWSPENDING stays on its version until the next RotateSecret).
 */
record SecretRecord(String name, String arn, Instant createdDate, String description, String kmsKeyId, String type,
        String owningService, Instant lastChangedDate, Instant lastAccessedDate, Instant deletedDate,
        Instant deletionDate, String resourcePolicy, Boolean rotationEnabled, String rotationLambdaArn,
        JsonNode rotationRules, Instant lastRotatedDate, Instant nextRotationDate, String primaryRegion,
        List<ReplicaRecord> replicas, List<VersionRecord> versions, Map<String, String> tags) {

    record ReplicaRecord(String region, String kmsKeyId, String status, String statusMessage) {
    }

    record VersionRecord(String versionId, Instant createdDate, List<String> stages, EncryptedValue value,
            Instant lastAccessedDate) {
    }

    static SecretRecord of(Secret s) {
        List<ReplicaRecord> replicas = new ArrayList<>();
        s.replicas.values().forEach(r -> replicas.add(new ReplicaRecord(r.region, r.kmsKeyId, r.status,
                r.statusMessage)));
        List<VersionRecord> versions = new ArrayList<>();
        s.versions.values().forEach(v -> versions.add(new VersionRecord(v.versionId, v.createdDate,
                List.copyOf(v.stages), v.value, v.lastAccessedDate)));
        return new SecretRecord(s.name, s.arn.toString(), s.createdDate, s.description, s.kmsKeyId, s.type,
                s.owningService, s.lastChangedDate, s.lastAccessedDate, s.deletedDate, s.deletionDate,
                s.resourcePolicy, s.rotationEnabled, s.rotationLambdaArn, SdkJson.toJson(s.rotationRules),
                s.lastRotatedDate, s.nextRotationDate, s.primary == null ? null : s.primary.region, replicas, versions,
                new LinkedHashMap<>(s.tags));
    }

    /** The secret without its primary (a replica's is linked once every primary is back). */
    Secret toSecret(String account, String region) {
        Secret s = new Secret(account, region, name, io.gureum.core.ids.Arn.parse(arn), createdDate);
        s.description = description;
        s.kmsKeyId = kmsKeyId;
        s.type = type;
        s.owningService = owningService;
        s.lastChangedDate = lastChangedDate;
        s.lastAccessedDate = lastAccessedDate;
        s.deletedDate = deletedDate;
        s.deletionDate = deletionDate;
        s.resourcePolicy = resourcePolicy;
        s.rotationEnabled = rotationEnabled;
        s.rotationLambdaArn = rotationLambdaArn;
        s.rotationRules = SdkJson.fromJson(rotationRules, RotationRulesType.class);
        s.lastRotatedDate = lastRotatedDate;
        s.nextRotationDate = nextRotationDate;
        for (ReplicaRecord r : replicas) {
            s.replicas.put(r.region(), new Secret.Replica(r.region(), r.kmsKeyId(), r.status(), r.statusMessage()));
        }
        for (VersionRecord v : versions) {
            SecretVersion version = new SecretVersion(v.versionId(), v.createdDate(), v.value());
            version.stages.addAll(v.stages());
            version.lastAccessedDate = v.lastAccessedDate();
            s.versions.put(v.versionId(), version);
        }
        s.tags.putAll(tags);
        return s;
    }
}
