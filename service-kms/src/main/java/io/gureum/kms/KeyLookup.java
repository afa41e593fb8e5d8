package io.gureum.kms;

import io.gureum.core.ids.Arn;
import java.util.Collection;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Finds the key a request names: key ID, key ARN, alias name or alias ARN
 * (https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#key-id), and checks that the
 * key's state allows the operation (key-state.html). An AWS managed key's alias ({@code alias/aws/s3})
 * creates the key on first use, as AWS services do when they first protect a resource with it.
 */
final class KeyLookup {
    private static final Pattern KEY_ID = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32}");
    /** The AWS managed keys Gureum creates on first use, with AWS's descriptions. */
    private static final Map<String, String> AWS_MANAGED = Map.ofEntries(
            Map.entry("s3", "Default key that protects my S3 objects when no other key is defined"),
            Map.entry("ssm", "Default key that protects my SSM parameters when no other key is defined"),
            Map.entry("secretsmanager",
                    "Default key that protects my Secrets Manager data when no other key is defined"),
            Map.entry("ebs", "Default key that protects my EBS volumes when no other key is defined"),
            Map.entry("lambda", "Default key that protects my Lambda functions when no other key is defined"),
            Map.entry("sqs", "Default key that protects my SQS messages when no other key is defined"),
            Map.entry("sns", "Default key that protects my SNS data when no other key is defined"),
            Map.entry("dynamodb", "Default key that protects my DynamoDB data when no other key is defined"),
            Map.entry("rds", "Default key that protects my RDS database volumes when no other key is defined"),
            Map.entry("logs", "Default key that protects my CloudWatch Logs data when no other key is defined"),
            Map.entry("kinesis", "Default key that protects my Kinesis data when no other key is defined"),
            Map.entry("elasticfilesystem",
                    "Default key that protects my EFS filesystems when no other key is defined"));

    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");

    private final KmsStores stores;
    private final NewKeys factory;

    KeyLookup(KmsStores stores, NewKeys factory) {
        this.stores = stores;
        this.factory = factory;
    }

    /**
     * The key {@code keyId} names, aliases included: in the caller's account and region, or, for a key
     * ARN or alias ARN, in the account it names. "To specify a KMS key in a different AWS account, you
     * must use its key ARN or alias ARN" (e.g. https://docs.aws.amazon.com/kms/latest/APIReference/API_Encrypt.html);
     * whether that account's key policy lets the caller is the authorizer's decision.
     */
    KmsKey find(String keyId) {
        KmsStore store = storeOf(keyId);
        String aliasName = aliasName(store, keyId);
        if (aliasName != null) {
            Alias alias = store.aliases.get(aliasName);
            if (alias == null && store == stores.current()) {
                alias = awsManaged(store, aliasName);
            }
            if (alias == null) {
                throw KmsErrors.aliasNotFound(KmsStores.aliasArn(store, aliasName));
            }
            return store.keys.get(alias.targetKeyId);
        }
        return findKey(store, keyId);
    }

    /** The key a key ID or key ARN names (operations that take no alias: EnableKey, TagResource …). */
    KmsKey findKey(String keyId) {
        return findKey(stores.current(), keyId);
    }

    /**
     * The key a key ID or key ARN names, a key ARN possibly of another account: for the operations KMS
     * lets other accounts call (CreateGrant, ListGrants, RetireGrant, RevokeGrant, GetKeyRotationStatus;
     * "Cross-account use: Yes" on their API pages).
     */
    KmsKey findShared(String keyId) {
        return findKey(storeOf(keyId), keyId);
    }

    /**
     * The key with this ID in the caller's region, the caller's account first: a symmetric ciphertext
     * names its key, and Decrypt of another account's ciphertext needs no KeyId.
     */
    KmsKey byIdInRegion(String keyId) {
        KmsStore own = stores.current();
        KmsKey key = own.keys.get(keyId);
        if (key != null) {
            return key;
        }
        KmsKey[] found = new KmsKey[1];
        stores.all.forEach((place, store) -> {
            if (found[0] == null && store.region.equals(own.region)) {
                found[0] = store.keys.get(keyId);
            }
        });
        return found[0];
    }

    /** The store an identifier points into: an ARN's account (in the caller's region), else the caller's. */
    private KmsStore storeOf(String keyId) {
        KmsStore own = stores.current();
        if (keyId == null || !keyId.startsWith("arn:")) {
            return own;
        }
        Arn arn = parseArn(keyId);
        if (arn.accountId().equals(own.account) || !arn.region().equals(own.region)
                || !ACCOUNT.matcher(arn.accountId()).matches()) {
            return own;
        }
        return stores.all.get(arn.accountId(), arn.region());
    }

    private KmsKey findKey(KmsStore store, String keyId) {
        String id = keyId;
        if (keyId.startsWith("arn:")) {
            Arn arn = parseArn(keyId);
            if (!arn.resourceType().equals("key")) {
                throw KmsErrors.notFound("Invalid keyId '" + keyId + "'");
            }
            if (!arn.accountId().equals(store.account) || !arn.region().equals(store.region)) {
                throw KmsErrors.keyNotFound(keyId);
            }
            id = arn.resourceId();
        } else if (!KEY_ID.matcher(keyId).matches()) {
            throw KmsErrors.notFound("Invalid keyId '" + keyId + "'");
        }
        KmsKey key = store.keys.get(id);
        if (key == null) {
            throw KmsErrors.keyNotFound(KmsStores.keyArn(store, id));
        }
        return key;
    }

    /** A key fit for a cryptographic operation: Enabled, of {@code usage}. */
    KmsKey usable(String keyId, String usage, String operation) {
        KmsKey key = find(keyId);
        requireEnabled(key);
        if (!key.keyUsage.equals(usage)) {
            throw KmsErrors.wrongUsage(key, operation);
        }
        return key;
    }

    /** Disabled keys answer DisabledException, the other unusable states KMSInvalidStateException (key-state.html). */
    static void requireEnabled(KmsKey key) {
        switch (key.state) {
            case KmsKey.ENABLED -> {
            }
            case KmsKey.DISABLED -> throw KmsErrors.disabled(key.arn);
            case KmsKey.PENDING_DELETION, KmsKey.PENDING_REPLICA_DELETION -> throw KmsErrors.pendingDeletion(key.arn);
            case KmsKey.PENDING_IMPORT -> throw KmsErrors.invalidState(key.arn + " is pending import.");
            default -> throw KmsErrors.invalidState(key.arn + " is " + key.state + ".");
        }
    }

    /** Management operations refuse keys pending deletion. */
    static void requireNotPendingDeletion(KmsKey key) {
        if (key.state.equals(KmsKey.PENDING_DELETION) || key.state.equals(KmsKey.PENDING_REPLICA_DELETION)) {
            throw KmsErrors.pendingDeletion(key.arn);
        }
    }

    /** Checks every grant token of a request was issued by this server. */
    void checkGrantTokens(Collection<String> tokens) {
        for (String token : tokens) {
            if (!stores.grantTokens.containsKey(token)) {
                throw KmsErrors.invalidGrantToken();
            }
        }
    }

    /** The alias name ({@code alias/x}) an identifier names, or null when it names a key. */
    private static String aliasName(KmsStore store, String keyId) {
        if (keyId.startsWith("alias/")) {
            return keyId;
        }
        if (keyId.startsWith("arn:")) {
            Arn arn = parseArn(keyId);
            if (arn.resourceType().equals("alias")) {
                if (!arn.accountId().equals(store.account) || !arn.region().equals(store.region)) {
                    throw KmsErrors.aliasNotFound(keyId);
                }
                return arn.resource();
            }
        }
        return null;
    }

    private Alias awsManaged(KmsStore store, String aliasName) {
        if (!aliasName.startsWith(Aliases.RESERVED)) {
            return null;
        }
        String description = AWS_MANAGED.get(aliasName.substring(Aliases.RESERVED.length()));
        if (description == null) {
            return null;
        }
        KmsKey key = factory.awsManaged(store, description);
        Alias alias = new Alias(aliasName, KmsStores.aliasArn(store, aliasName), key.keyId, stores.now());
        store.aliases.put(aliasName, alias);
        return alias;
    }

    private static Arn parseArn(String text) {
        try {
            Arn arn = Arn.parse(text);
            if (!arn.service().equals(KmsStores.SERVICE)) {
                throw KmsErrors.invalidArn("ARN does not refer to a valid resource");
            }
            return arn;
        } catch (IllegalArgumentException e) {
            throw KmsErrors.notFound("Invalid arn " + text);
        }
    }
}
