package io.gureum.kms;

import io.gureum.core.state.RegisteredTags;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.MultiRegionConfiguration;
import software.amazon.awssdk.services.kms.model.MultiRegionKey;

/**
 * One KMS key in one account and region: its settings, state, every version of its material, its key
 * policy, rotation schedule and grants. Guarded by the instance's store lock ({@link KmsService}).
 */
final class KmsKey {
    static final String ENABLED = "Enabled";
    static final String DISABLED = "Disabled";
    static final String PENDING_DELETION = "PendingDeletion";
    static final String PENDING_IMPORT = "PendingImport";
    static final String PENDING_REPLICA_DELETION = "PendingReplicaDeletion";

    final String account;
    final String region;
    final String keyId;
    final String arn;
    final Instant creationDate;
    final String keySpec;
    final String keyUsage;
    final String origin;
    final String keyManager;
    final boolean multiRegion;
    /** The related multi-Region keys, or null for a single-Region key. */
    MultiRegionGroup group;
    String description;
    String state;
    Instant deletionDate;
    Integer pendingWindowInDays;
    /** Material versions, oldest first; the last is current. Shared by the keys of a multi-Region group. */
    List<KeyMaterial> materials = new ArrayList<>();
    /** Imported material (Origin EXTERNAL): its expiry, and what a re-import must match. */
    Instant validTo;
    String expirationModel;
    String importedMaterialId;
    byte[] importedMaterialDigest;
    String policy;
    boolean rotationEnabled;
    Integer rotationPeriodInDays;
    Instant nextRotationDate;
    Instant onDemandRotationStartDate;
    final RegisteredTags tags = new RegisteredTags();
    final Map<String, Grant> grants = new LinkedHashMap<>();

    KmsKey(String account, String region, String keyId, String arn, Instant creationDate, String keySpec,
            String keyUsage, String origin, String keyManager, boolean multiRegion, String description) {
        this.account = account;
        this.region = region;
        this.keyId = keyId;
        this.arn = arn;
        this.creationDate = creationDate;
        this.keySpec = keySpec;
        this.keyUsage = keyUsage;
        this.origin = origin;
        this.keyManager = keyManager;
        this.multiRegion = multiRegion;
        this.description = description;
        this.group = multiRegion ? new MultiRegionGroup(region) : null;
    }

    KeyMaterial current() {
        return materials.get(materials.size() - 1);
    }

    /** The version with this 64-hex-digit id, or null. */
    KeyMaterial material(String id) {
        for (KeyMaterial m : materials) {
            if (m.id().equals(id)) {
                return m;
            }
        }
        return null;
    }

    boolean awsManaged() {
        return keyManager.equals("AWS");
    }

    KeyMetadata metadata() {
        KeyMetadata.Builder b = KeyMetadata.builder().awsAccountId(account).keyId(keyId).arn(arn)
                .creationDate(creationDate).enabled(state.equals(ENABLED)).description(description == null ? "" : description)
                .keyUsage(keyUsage).keyState(state).deletionDate(deletionDate).origin(origin).keyManager(keyManager)
                .customerMasterKeySpec(keySpec).keySpec(keySpec).multiRegion(multiRegion)
                .pendingDeletionWindowInDays(pendingWindowInDays);
        List<String> encryption = KeySpecs.encryptionAlgorithms(keySpec, keyUsage);
        if (!encryption.isEmpty()) {
            b.encryptionAlgorithmsWithStrings(encryption);
        }
        List<String> signing = KeySpecs.signingAlgorithms(keySpec, keyUsage);
        if (!signing.isEmpty()) {
            b.signingAlgorithmsWithStrings(signing);
        }
        List<String> macs = KeySpecs.macAlgorithms(keySpec);
        if (!macs.isEmpty()) {
            b.macAlgorithmsWithStrings(macs);
        }
        List<String> agreement = KeySpecs.keyAgreementAlgorithms(keyUsage);
        if (!agreement.isEmpty()) {
            b.keyAgreementAlgorithmsWithStrings(agreement);
        }
        if (origin.equals("EXTERNAL")) {
            b.expirationModel(expirationModel).validTo(validTo);
        }
        if (keySpec.equals(KeySpecs.SYMMETRIC_DEFAULT) && !materials.isEmpty()) {
            b.currentKeyMaterialId(current().id());
        }
        if (group != null) {
            List<MultiRegionKey> replicas = new ArrayList<>();
            for (String r : group.replicaRegions) {
                replicas.add(MultiRegionKey.builder().arn(arnIn(r)).region(r).build());
            }
            b.multiRegionConfiguration(MultiRegionConfiguration.builder()
                    .multiRegionKeyType(isPrimary() ? "PRIMARY" : "REPLICA")
                    .primaryKey(MultiRegionKey.builder().arn(arnIn(group.primaryRegion)).region(group.primaryRegion)
                            .build())
                    .replicaKeys(replicas).build());
        }
        return b.build();
    }

    boolean isPrimary() {
        return group == null || group.primaryRegion.equals(region);
    }

    /** This key's ARN in another region (multi-region keys share their id). */
    String arnIn(String otherRegion) {
        return arn.replace(":kms:" + region + ":", ":kms:" + otherRegion + ":");
    }
}
