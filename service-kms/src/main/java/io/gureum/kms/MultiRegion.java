package io.gureum.kms;

import io.gureum.core.ids.Arn;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.kms.model.ReplicateKeyRequest;
import software.amazon.awssdk.services.kms.model.ReplicateKeyResponse;
import software.amazon.awssdk.services.kms.model.Tag;
import software.amazon.awssdk.services.kms.model.UpdatePrimaryRegionRequest;
import software.amazon.awssdk.services.kms.model.UpdatePrimaryRegionResponse;

/**
 * Multi-Region keys (multi-region-keys-overview.html): ReplicateKey copies a primary key into another
 * region of the same account with the same key ID and material; UpdatePrimaryRegion makes a replica the
 * primary. Replicas do not share aliases, tags, policies or grants with their primary.
 */
final class MultiRegion {
    private final KmsStores stores;
    private final KeyLookup lookup;

    MultiRegion(KmsStores stores, KeyLookup lookup) {
        this.stores = stores;
        this.lookup = lookup;
    }

    public ReplicateKeyResponse replicateKey(ReplicateKeyRequest request) {
        KmsKey primary = lookup.findKey(request.keyId());
        KeyLookup.requireNotPendingDeletion(primary);
        if (primary.group == null) {
            throw KmsErrors.unsupported(primary.arn + " is not a multi-Region key.");
        }
        if (!primary.isPrimary()) {
            throw KmsErrors.unsupported(primary.arn + " is not a primary key.");
        }
        String region = request.replicaRegion();
        if (!stores.knownRegion(region)) {
            throw KmsErrors.validation("Region " + region + " is not a valid region.");
        }
        KmsStore target = stores.all.get(primary.account, region);
        if (region.equals(primary.region) || target.keys.containsKey(primary.keyId)) {
            throw KmsErrors.alreadyExists("Multi-Region key " + primary.arnIn(region) + " already exists.");
        }
        if (request.policy() != null) {
            KeyPolicies.checkDocument(request.policy());
        }
        Map<String, String> tags = new LinkedHashMap<>();
        if (request.hasTags()) {
            request.tags().forEach(t -> tags.put(t.tagKey(), t.tagValue()));
            Tags.checkKeys(tags.keySet());
        }
        KmsKey replica = new KmsKey(primary.account, region, primary.keyId, primary.arnIn(region), stores.now(),
                primary.keySpec, primary.keyUsage, primary.origin, primary.keyManager, true,
                request.description() != null ? request.description() : primary.description);
        replica.group = primary.group;
        replica.materials = primary.materials;
        replica.state = primary.state.equals(KmsKey.PENDING_IMPORT) ? KmsKey.PENDING_IMPORT : KmsKey.ENABLED;
        replica.policy = request.policy() != null ? request.policy() : NewKeys.defaultPolicy(primary.account);
        replica.tags.putAll(tags);
        primary.group.replicaRegions.add(region);
        replica.tags.attach(stores.registry, replica.account, region, KmsStores.SERVICE, replica.keyId,
                Arn.parse(replica.arn));
        target.keys.put(replica.keyId, replica);
        List<Tag> replicaTags = new ArrayList<>();
        tags.forEach((k, v) -> replicaTags.add(Tag.builder().tagKey(k).tagValue(v).build()));
        return ReplicateKeyResponse.builder().replicaKeyMetadata(replica.metadata()).replicaPolicy(replica.policy)
                .replicaTags(replicaTags).build();
    }

    /** Called in the current primary's region; the named region must hold a replica. */
    public UpdatePrimaryRegionResponse updatePrimaryRegion(UpdatePrimaryRegionRequest request) {
        KmsKey key = lookup.findKey(request.keyId());
        KeyLookup.requireNotPendingDeletion(key);
        if (key.group == null) {
            throw KmsErrors.unsupported(key.arn + " is not a multi-Region key.");
        }
        if (!key.isPrimary()) {
            throw KmsErrors.unsupported(key.arn + " is not a primary key.");
        }
        String region = request.primaryRegion();
        if (!key.group.replicaRegions.contains(region)) {
            throw KmsErrors.notFound("Key '" + key.arnIn(region) + "' does not exist");
        }
        key.group.replicaRegions.remove(region);
        key.group.replicaRegions.add(key.region);
        key.group.primaryRegion = region;
        return UpdatePrimaryRegionResponse.builder().build();
    }
}
