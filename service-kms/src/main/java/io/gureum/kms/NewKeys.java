package io.gureum.kms;

import java.time.Instant;
import java.util.Map;

/** Makes keys: their IDs, ARNs, first material and default key policy. */
final class NewKeys {
    private final KmsStores stores;

    NewKeys(KmsStores stores) {
        this.stores = stores;
    }

    /**
     * A new key in {@code store}, registered with its tags. An EXTERNAL key has no material until it is
     * imported and starts PendingImport (importing-keys.html).
     */
    KmsKey create(KmsStore store, String spec, String usage, String origin, String keyManager, boolean multiRegion,
            String description, String policy, Map<String, String> tags) {
        String id = multiRegion ? "mrk-" + stores.ids.hex(32) : stores.ids.requestId();
        Instant now = stores.now();
        KmsKey key = new KmsKey(store.account, store.region, id, KmsStores.keyArn(store, id), now, spec, usage, origin,
                keyManager, multiRegion, description);
        if (origin.equals("EXTERNAL")) {
            key.state = KmsKey.PENDING_IMPORT;
        } else {
            key.state = KmsKey.ENABLED;
            key.materials.add(KeyMaterial.generate(spec, now, null));
        }
        key.policy = policy != null ? policy : defaultPolicy(store.account);
        key.tags.putAll(tags);
        stores.add(store, key);
        return key;
    }

    /**
     * An AWS managed key, made when its {@code alias/aws/<service>} is first used. AWS rotates these
     * every year (rotate-keys.html#rotating-aws-managed-keys).
     */
    KmsKey awsManaged(KmsStore store, String description) {
        KmsKey key = create(store, KeySpecs.SYMMETRIC_DEFAULT, KeySpecs.ENCRYPT_DECRYPT, "AWS_KMS", "AWS", false,
                description, null, Map.of());
        key.rotationEnabled = true;
        key.rotationPeriodInDays = 365;
        key.nextRotationDate = key.creationDate.plus(KmsStores.days(365));
        return key;
    }

    /**
     * The default key policy of a key created without one, as KMS writes it (key-policy-default.html):
     * the account's root may do everything, so IAM policies govern access.
     */
    static String defaultPolicy(String account) {
        return "{\n"
                + "  \"Version\" : \"2012-10-17\",\n"
                + "  \"Id\" : \"key-default-1\",\n"
                + "  \"Statement\" : [ {\n"
                + "    \"Sid\" : \"Enable IAM User Permissions\",\n"
                + "    \"Effect\" : \"Allow\",\n"
                + "    \"Principal\" : {\n"
                + "      \"AWS\" : \"arn:aws:iam::" + account + ":root\"\n"
                + "    },\n"
                + "    \"Action\" : \"kms:*\",\n"
                + "    \"Resource\" : \"*\"\n"
                + "  } ]\n"
                + "}";
    }
}
