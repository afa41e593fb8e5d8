package io.gureum.kms;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.kms.model.CancelKeyDeletionRequest;
import software.amazon.awssdk.services.kms.model.CancelKeyDeletionResponse;
import software.amazon.awssdk.services.kms.model.CreateKeyRequest;
import software.amazon.awssdk.services.kms.model.CreateKeyResponse;
import software.amazon.awssdk.services.kms.model.DescribeKeyRequest;
import software.amazon.awssdk.services.kms.model.DescribeKeyResponse;
import software.amazon.awssdk.services.kms.model.DisableKeyRequest;
import software.amazon.awssdk.services.kms.model.DisableKeyResponse;
import software.amazon.awssdk.services.kms.model.EnableKeyRequest;
import software.amazon.awssdk.services.kms.model.EnableKeyResponse;
import software.amazon.awssdk.services.kms.model.KeyListEntry;
import software.amazon.awssdk.services.kms.model.ListKeysRequest;
import software.amazon.awssdk.services.kms.model.ListKeysResponse;
import software.amazon.awssdk.services.kms.model.ScheduleKeyDeletionRequest;
import software.amazon.awssdk.services.kms.model.ScheduleKeyDeletionResponse;
import software.amazon.awssdk.services.kms.model.UpdateKeyDescriptionRequest;
import software.amazon.awssdk.services.kms.model.UpdateKeyDescriptionResponse;

/** The key lifecycle: create, describe, list, enable and disable, scheduled deletion, description. */
final class Keys {
    private final KmsStores stores;
    private final KeyLookup lookup;
    private final NewKeys newKeys;

    Keys(KmsStores stores, KeyLookup lookup, NewKeys newKeys) {
        this.stores = stores;
        this.lookup = lookup;
        this.newKeys = newKeys;
    }

    public CreateKeyResponse createKey(CreateKeyRequest request) {
        if (request.keySpecAsString() != null && request.customerMasterKeySpecAsString() != null) {
            throw KmsErrors.validation("You cannot specify both CustomerMasterKeySpec and KeySpec.");
        }
        String spec = request.keySpecAsString() != null ? request.keySpecAsString()
                : request.customerMasterKeySpecAsString() != null ? request.customerMasterKeySpecAsString()
                : KeySpecs.SYMMETRIC_DEFAULT;
        if (!KeySpecs.supported(spec)) {
            throw KmsErrors.unsupported("KeySpec " + spec + " is not supported by Gureum in this region.");
        }
        String usage = request.keyUsageAsString() != null ? request.keyUsageAsString() : KeySpecs.defaultUsage(spec);
        if (usage == null || !KeySpecs.usages(spec).contains(usage)) {
            throw KmsErrors.validation("KeyUsage " + (usage == null ? KeySpecs.ENCRYPT_DECRYPT : usage)
                    + " is not compatible with KeySpec " + spec);
        }
        String origin = request.originAsString() != null ? request.originAsString() : "AWS_KMS";
        if (request.customKeyStoreId() != null || origin.equals("AWS_CLOUDHSM") || origin.equals("EXTERNAL_KEY_STORE")) {
            throw KmsErrors.unsupported("Custom key stores are not supported by Gureum.");
        }
        if (origin.equals("EXTERNAL") && !spec.equals(KeySpecs.SYMMETRIC_DEFAULT) && !KeySpecs.isHmac(spec)) {
            throw KmsErrors.unsupported("Gureum imports symmetric and HMAC key material only, not " + spec + ".");
        }
        if (request.policy() != null) {
            KeyPolicies.checkDocument(request.policy());
        }
        Map<String, String> tags = new LinkedHashMap<>();
        if (request.hasTags()) {
            request.tags().forEach(t -> tags.put(t.tagKey(), t.tagValue()));
            Tags.checkKeys(tags.keySet());
        }
        KmsStore store = stores.current();
        KmsKey key = newKeys.create(store, spec, usage, origin, "CUSTOMER", Boolean.TRUE.equals(request.multiRegion()),
                request.description(), request.policy(), tags);
        return CreateKeyResponse.builder().keyMetadata(key.metadata()).build();
    }

    public DescribeKeyResponse describeKey(DescribeKeyRequest request) {
        lookup.checkGrantTokens(request.grantTokens());
        return DescribeKeyResponse.builder().keyMetadata(lookup.find(request.keyId()).metadata()).build();
    }

    public ListKeysResponse listKeys(ListKeysRequest request) {
        List<KmsKey> keys = new ArrayList<>(stores.current().keys.values());
        Markers.Page<KmsKey> page = Markers.page(keys, request.limit(), request.marker(), 100, k -> k.keyId);
        List<KeyListEntry> entries = new ArrayList<>();
        page.items().forEach(k -> entries.add(KeyListEntry.builder().keyId(k.keyId).keyArn(k.arn).build()));
        return ListKeysResponse.builder().keys(entries).nextMarker(page.nextMarker()).truncated(page.truncated()).build();
    }

    public EnableKeyResponse enableKey(EnableKeyRequest request) {
        KmsKey key = lookup.findKey(request.keyId());
        KeyLookup.requireNotPendingDeletion(key);
        if (key.state.equals(KmsKey.PENDING_IMPORT)) {
            throw KmsErrors.invalidState(key.arn + " is pending import.");
        }
        key.state = KmsKey.ENABLED;
        return EnableKeyResponse.builder().build();
    }

    public DisableKeyResponse disableKey(DisableKeyRequest request) {
        KmsKey key = lookup.findKey(request.keyId());
        KeyLookup.requireNotPendingDeletion(key);
        if (key.state.equals(KmsKey.PENDING_IMPORT)) {
            throw KmsErrors.invalidState(key.arn + " is pending import.");
        }
        key.state = KmsKey.DISABLED;
        return DisableKeyResponse.builder().build();
    }

    /**
     * The waiting period is 7 to 30 days, 30 by default (API_ScheduleKeyDeletion.html); the key becomes
     * unusable at once and is deleted when the clock passes its DeletionDate.
     */
    public ScheduleKeyDeletionResponse scheduleKeyDeletion(ScheduleKeyDeletionRequest request) {
        int days = request.pendingWindowInDays() == null ? 30 : request.pendingWindowInDays();
        if (days < 7 || days > 30) {
            throw KmsErrors.validation("1 validation error detected: Value '" + days
                    + "' at 'pendingWindowInDays' failed to satisfy constraint: Member must have value "
                    + (days < 7 ? "greater than or equal to 7" : "less than or equal to 30"));
        }
        KmsKey key = lookup.findKey(request.keyId());
        KeyLookup.requireNotPendingDeletion(key);
        Instant deletionDate = stores.now().plus(KmsStores.days(days));
        // A primary key with replicas waits for them: PendingReplicaDeletion (multi-region-keys-delete.html).
        boolean waitsForReplicas = key.group != null && key.isPrimary() && !key.group.replicaRegions.isEmpty();
        key.state = waitsForReplicas ? KmsKey.PENDING_REPLICA_DELETION : KmsKey.PENDING_DELETION;
        key.deletionDate = deletionDate;
        key.pendingWindowInDays = days;
        return ScheduleKeyDeletionResponse.builder().keyId(key.arn).deletionDate(deletionDate).keyState(key.state)
                .pendingWindowInDays(days).build();
    }

    /** A cancelled deletion leaves the key Disabled (deleting-keys-scheduling-key-deletion.html). */
    public CancelKeyDeletionResponse cancelKeyDeletion(CancelKeyDeletionRequest request) {
        KmsKey key = lookup.findKey(request.keyId());
        if (!key.state.equals(KmsKey.PENDING_DELETION) && !key.state.equals(KmsKey.PENDING_REPLICA_DELETION)) {
            throw KmsErrors.invalidState(key.arn + " is not pending deletion.");
        }
        key.state = key.materials.isEmpty() ? KmsKey.PENDING_IMPORT : KmsKey.DISABLED;
        key.deletionDate = null;
        key.pendingWindowInDays = null;
        return CancelKeyDeletionResponse.builder().keyId(key.arn).build();
    }

    public UpdateKeyDescriptionResponse updateKeyDescription(UpdateKeyDescriptionRequest request) {
        KmsKey key = lookup.findKey(request.keyId());
        KeyLookup.requireNotPendingDeletion(key);
        key.description = request.description();
        return UpdateKeyDescriptionResponse.builder().build();
    }
}
