package io.gureum.kms;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A key as {@code --data-dir} keeps it: every field of {@link KmsKey}, its material versions, its grants
 * with the tokens issued for them, and its tags. Times are absolute core-clock instants.
 */
record KmsKeyRecord(String keyId, String arn, Instant creationDate, String keySpec, String keyUsage, String origin,
        String keyManager, boolean multiRegion, String primaryRegion, List<String> replicaRegions,
        String description, String state, Instant deletionDate, Integer pendingWindowInDays,
        List<Material> materials, Instant validTo, String expirationModel, String importedMaterialId,
        byte[] importedMaterialDigest, String policy, boolean rotationEnabled, Integer rotationPeriodInDays,
        Instant nextRotationDate, Instant onDemandRotationStartDate, Map<String, String> tags, List<Grant> grants,
        Map<String, String> grantTokens) {

    /**
     * One material version: the secret (symmetric, HMAC, secp256k1 scalar) or the JCA private key as
     * PKCS#8 with its algorithm, and the public key's DER.
     */
    record Material(String id, byte[] secret, String privateKeyAlgorithm, byte[] privateKeyPkcs8,
            byte[] publicKeyDer, Instant created, String rotationType) {

        static Material of(KeyMaterial m) {
            return new Material(m.id(), m.secret(), m.privateKey() == null ? null : m.privateKey().getAlgorithm(),
                    m.privateKey() == null ? null : m.privateKey().getEncoded(), m.publicKeyDer(), m.created(),
                    m.rotationType());
        }

        KeyMaterial toMaterial() {
            java.security.PrivateKey privateKey = null;
            if (privateKeyPkcs8 != null) {
                try {
                    privateKey = java.security.KeyFactory.getInstance(privateKeyAlgorithm)
                            .generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(privateKeyPkcs8));
                } catch (java.security.GeneralSecurityException e) {
                    throw new IllegalStateException("Unreadable " + privateKeyAlgorithm + " key material " + id, e);
                }
            }
            return new KeyMaterial(id, secret, privateKey, publicKeyDer, created, rotationType);
        }
    }

    static KmsKeyRecord of(KmsKey k, Map<String, String> allGrantTokens) {
        List<Material> materials = new ArrayList<>();
        k.materials.forEach(m -> materials.add(Material.of(m)));
        Map<String, String> tokens = new LinkedHashMap<>();
        allGrantTokens.forEach((token, grantId) -> {
            if (k.grants.containsKey(grantId)) {
                tokens.put(token, grantId);
            }
        });
        return new KmsKeyRecord(k.keyId, k.arn, k.creationDate, k.keySpec, k.keyUsage, k.origin, k.keyManager,
                k.multiRegion, k.group == null ? null : k.group.primaryRegion,
                k.group == null ? null : List.copyOf(k.group.replicaRegions), k.description, k.state, k.deletionDate,
                k.pendingWindowInDays, materials, k.validTo, k.expirationModel, k.importedMaterialId,
                k.importedMaterialDigest, k.policy, k.rotationEnabled, k.rotationPeriodInDays, k.nextRotationDate,
                k.onDemandRotationStartDate, new LinkedHashMap<>(k.tags), List.copyOf(k.grants.values()), tokens);
    }
}
