package io.gureum.kms;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.kms.model.DisableKeyRotationRequest;
import software.amazon.awssdk.services.kms.model.DisableKeyRotationResponse;
import software.amazon.awssdk.services.kms.model.EnableKeyRotationRequest;
import software.amazon.awssdk.services.kms.model.EnableKeyRotationResponse;
import software.amazon.awssdk.services.kms.model.GetKeyRotationStatusRequest;
import software.amazon.awssdk.services.kms.model.GetKeyRotationStatusResponse;
import software.amazon.awssdk.services.kms.model.ListKeyRotationsRequest;
import software.amazon.awssdk.services.kms.model.ListKeyRotationsResponse;
import software.amazon.awssdk.services.kms.model.RotateKeyOnDemandRequest;
import software.amazon.awssdk.services.kms.model.RotateKeyOnDemandResponse;
import software.amazon.awssdk.services.kms.model.RotationsListEntry;

/**
 * Rotation of symmetric keys' material (https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html):
 * automatic every RotationPeriodInDays (90–2560, default 365) on Gureum's clock, or on demand (at most
 * 25 times per key). Old material stays, so earlier ciphertexts still decrypt.
 */
final class Rotation {
    static final int DEFAULT_PERIOD = 365;
    static final int ON_DEMAND_LIMIT = 25;

    private final KmsStores stores;
    private final KeyLookup lookup;

    Rotation(KmsStores stores, KeyLookup lookup) {
        this.stores = stores;
        this.lookup = lookup;
    }

    public EnableKeyRotationResponse enableKeyRotation(EnableKeyRotationRequest request) {
        KmsKey key = rotatable(request.keyId());
        int period = request.rotationPeriodInDays() == null ? DEFAULT_PERIOD : request.rotationPeriodInDays();
        key.rotationEnabled = true;
        key.rotationPeriodInDays = period;
        key.nextRotationDate = stores.now().plus(KmsStores.days(period));
        return EnableKeyRotationResponse.builder().build();
    }

    public DisableKeyRotationResponse disableKeyRotation(DisableKeyRotationRequest request) {
        KmsKey key = rotatable(request.keyId());
        key.rotationEnabled = false;
        key.nextRotationDate = null;
        return DisableKeyRotationResponse.builder().build();
    }

    /** A key pending deletion reports rotation disabled (key-state.html). */
    public GetKeyRotationStatusResponse getKeyRotationStatus(GetKeyRotationStatusRequest request) {
        KmsKey key = lookup.findShared(request.keyId());
        if (!key.keySpec.equals(KeySpecs.SYMMETRIC_DEFAULT)) {
            throw notRotatable(key);
        }
        boolean enabled = key.rotationEnabled && !key.state.equals(KmsKey.PENDING_DELETION);
        return GetKeyRotationStatusResponse.builder().keyId(key.arn).keyRotationEnabled(enabled)
                .rotationPeriodInDays(enabled ? key.rotationPeriodInDays : null)
                .nextRotationDate(enabled ? key.nextRotationDate : null)
                .onDemandRotationStartDate(key.onDemandRotationStartDate).build();
    }

    public RotateKeyOnDemandResponse rotateKeyOnDemand(RotateKeyOnDemandRequest request) {
        KmsKey key = rotatable(request.keyId());
        long onDemand = key.materials.stream().filter(m -> "ON_DEMAND".equals(m.rotationType())).count();
        if (onDemand >= ON_DEMAND_LIMIT) {
            throw KmsErrors.limitExceeded("The on-demand rotations limit has been reached for the given key: " + key.arn);
        }
        Instant now = stores.now();
        key.onDemandRotationStartDate = now;
        key.materials.add(KeyMaterial.generate(key.keySpec, now, "ON_DEMAND"));
        return RotateKeyOnDemandResponse.builder().keyId(key.arn).build();
    }

    public ListKeyRotationsResponse listKeyRotations(ListKeyRotationsRequest request) {
        KmsKey key = lookup.findKey(request.keyId());
        if (!key.keySpec.equals(KeySpecs.SYMMETRIC_DEFAULT)) {
            throw notRotatable(key);
        }
        boolean all = "ALL_KEY_MATERIAL".equals(request.includeKeyMaterialAsString());
        List<RotationsListEntry> entries = new ArrayList<>();
        for (KeyMaterial m : key.materials) {
            if (m.rotationType() == null && !all) {
                continue;
            }
            entries.add(RotationsListEntry.builder().keyId(key.keyId).keyMaterialId(m.id())
                    .rotationDate(m.rotationType() == null ? null : m.created()).rotationType(m.rotationType())
                    .keyMaterialState(m == key.current() ? "CURRENT" : "NON_CURRENT").build());
        }
        Markers.Page<RotationsListEntry> page = Markers.page(entries, request.limit(), request.marker(), 100,
                RotationsListEntry::keyMaterialId);
        return ListKeyRotationsResponse.builder().rotations(page.items()).nextMarker(page.nextMarker())
                .truncated(page.truncated()).build();
    }

    /** Rotates an Enabled key whose NextRotationDate has come, once per elapsed period. */
    static void rotateIfDue(KmsKey key, Instant now) {
        if (!key.rotationEnabled || key.nextRotationDate == null || !key.state.equals(KmsKey.ENABLED)) {
            return;
        }
        while (!key.nextRotationDate.isAfter(now)) {
            key.materials.add(KeyMaterial.generate(key.keySpec, key.nextRotationDate, "AUTOMATIC"));
            key.nextRotationDate = key.nextRotationDate.plus(KmsStores.days(key.rotationPeriodInDays));
        }
    }

    /** Rotation is for Enabled symmetric keys with KMS-generated material. */
    private KmsKey rotatable(String keyId) {
        KmsKey key = lookup.findKey(keyId);
        KeyLookup.requireEnabled(key);
        if (!key.keySpec.equals(KeySpecs.SYMMETRIC_DEFAULT) || !key.origin.equals("AWS_KMS")) {
            throw notRotatable(key);
        }
        if (!key.isPrimary()) {
            throw KmsErrors.unsupported(key.arn + " is a replica key: rotation is managed on its primary key.");
        }
        return key;
    }

    private static RuntimeException notRotatable(KmsKey key) {
        return KmsErrors.unsupported(key.arn + " does not support key rotation: only symmetric encryption keys "
                + "with key material generated by KMS rotate.");
    }
}
