package io.gureum.kms;

import io.gureum.core.persist.StateRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rebuilds KMS's memory from its records at start. The keys of one multi-Region group (one account, one
 * key ID, several regions) share again one {@link MultiRegionGroup} and one material list, the primary's,
 * so that a rotation of the primary reaches its replicas as before the restart.
 */
final class KmsRestore {
    private KmsRestore() {
    }

    static void restore(List<StateRecord> records, KmsStores stores) {
        Map<String, MultiRegionGroup> groups = new HashMap<>();
        Map<String, List<KeyMaterial>> groupMaterials = new HashMap<>();
        List<StateRecord> keys = new ArrayList<>();
        for (StateRecord r : records) {
            if (r.kind().equals(KmsRecords.KEY)) {
                keys.add(r);
            }
        }
        // Primaries first: their group and material list are the ones replicas join.
        keys.sort((a, b) -> Boolean.compare(!isPrimary(a), !isPrimary(b)));
        for (StateRecord r : keys) {
            KmsKeyRecord s = r.value(KmsKeyRecord.class);
            KmsKey key = new KmsKey(r.account(), r.region(), s.keyId(), s.arn(), s.creationDate(), s.keySpec(),
                    s.keyUsage(), s.origin(), s.keyManager(), s.multiRegion(), s.description());
            key.state = s.state();
            key.deletionDate = s.deletionDate();
            key.pendingWindowInDays = s.pendingWindowInDays();
            List<KeyMaterial> materials = new ArrayList<>();
            s.materials().forEach(m -> materials.add(m.toMaterial()));
            key.materials = materials;
            key.validTo = s.validTo();
            key.expirationModel = s.expirationModel();
            key.importedMaterialId = s.importedMaterialId();
            key.importedMaterialDigest = s.importedMaterialDigest();
            key.policy = s.policy();
            key.rotationEnabled = s.rotationEnabled();
            key.rotationPeriodInDays = s.rotationPeriodInDays();
            key.nextRotationDate = s.nextRotationDate();
            key.onDemandRotationStartDate = s.onDemandRotationStartDate();
            if (s.multiRegion() && s.primaryRegion() != null) {
                String id = r.account() + "|" + s.keyId();
                MultiRegionGroup group = groups.get(id);
                if (group == null) {
                    group = new MultiRegionGroup(s.primaryRegion());
                    group.replicaRegions.addAll(s.replicaRegions());
                    groups.put(id, group);
                    groupMaterials.put(id, materials);
                }
                key.group = group;
                key.materials = groupMaterials.get(id);
            }
            for (Grant g : s.grants()) {
                key.grants.put(g.grantId(), g);
            }
            stores.grantTokens.putAll(s.grantTokens());
            key.tags.putAll(s.tags());
            stores.add(stores.all.get(r.account(), r.region()), key);
        }
        for (StateRecord r : records) {
            if (r.kind().equals(KmsRecords.ALIAS)) {
                Alias a = r.value(KmsAliasRecord.class).toAlias();
                stores.all.get(r.account(), r.region()).aliases.put(a.name, a);
            } else if (r.kind().equals(KmsRecords.IMPORT_TOKEN)) {
                KmsImportTokenRecord t = r.value(KmsImportTokenRecord.class);
                // A token of a key that no longer exists is dropped (and left out of the next records).
                if (stores.all.get(r.account(), r.region()).keys.containsKey(t.keyId())) {
                    stores.importTokens.put(t.token(), t.toParameters(r.account(), r.region()));
                }
            }
        }
    }

    private static boolean isPrimary(StateRecord r) {
        KmsKeyRecord s = r.value(KmsKeyRecord.class);
        return !s.multiRegion() || r.region().equals(s.primaryRegion());
    }
}
