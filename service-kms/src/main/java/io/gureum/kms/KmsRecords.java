package io.gureum.kms;

import io.gureum.core.persist.StateRecord;
import io.gureum.core.persist.StateStore;
import io.gureum.core.spi.OperationCall;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * KMS's records for {@code --data-dir}: each key (settings, state, policy, rotation schedule, every version
 * of its material, grants with their tokens, tags) under its key ID and each alias under its name, in the
 * key's account and region. Every operation runs under the one store lock; after one that may change
 * something (and after a settling on the clock that deleted, rotated or expired a key) the keys and
 * aliases are read again under that lock and those whose record differs from the last one written are
 * recorded, those gone are deleted. Keys are few, so reading them all is cheap next to a journal write.
 *
 * <p>Key material is stored <em>unencrypted</em> in the data directory (Base64 in the JSON records): Gureum
 * has no HSM to wrap it with, and a local emulator's keys protect test data only. So are the import tokens
 * of GetParametersForImport with the private half of their wrapping key (kind {@code importtoken}), so that
 * ImportKeyMaterial accepts after a restart a token issued before it, until its 24 hours on the clock end.
 */
final class KmsRecords {
    static final String KEY = "key";
    static final String ALIAS = "alias";
    /** An import token of GetParametersForImport, keyed by the SHA-256 of its bytes (Base64url). */
    static final String IMPORT_TOKEN = "importtoken";

    /** Operations that change no key or alias (beyond what settling on the clock does). */
    private static final Set<String> READS = Set.of("Encrypt", "Decrypt", "ReEncrypt", "GenerateDataKey",
            "GenerateDataKeyWithoutPlaintext", "GenerateDataKeyPair", "GenerateDataKeyPairWithoutPlaintext",
            "GenerateRandom", "Sign", "Verify", "GenerateMac", "VerifyMac", "DeriveSharedSecret");

    private final StateStore state;
    private final KmsStores stores;
    /** What each record held when last written, by "account|region|kind|key". Guarded by the store lock. */
    private final Map<String, byte[]> written = new HashMap<>();

    KmsRecords(StateStore state, KmsStores stores) {
        this.state = state;
        this.stores = stores;
    }

    /** Runs after the store lock is taken and what came due has settled; {@code settled} says whether anything did. */
    Object intercept(OperationCall call, boolean settled) throws Exception {
        String op = call.operation();
        // GetParametersForImport issues an import token, which is recorded.
        boolean reads = READS.contains(op) || op.startsWith("Describe") || op.startsWith("List")
                || op.startsWith("Get") && !op.equals("GetParametersForImport");
        if (!state.enabled()) {
            return call.proceed();
        }
        if (reads && !settled) {
            // A read may still create an AWS managed key (alias/aws/ssm on a service's first Encrypt).
            int before = count();
            try {
                return call.proceed();
            } finally {
                if (count() != before) {
                    recordChanges();
                }
            }
        }
        try {
            return call.proceed();
        } finally {
            recordChanges();
        }
    }

    /** How many keys and aliases there are: an AWS managed key created on first use changes it. */
    private int count() {
        int[] n = {0};
        stores.all.forEach((place, store) -> n[0] += store.keys.size() + store.aliases.size());
        return n[0];
    }

    /** Writes what differs from the last records and deletes the records of what is gone. Holds the store lock. */
    void recordChanges() {
        if (!state.enabled()) {
            return;
        }
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, StateRecord> now = new LinkedHashMap<>();
        each((r, value) -> {
            now.put(name(r), r);
            values.put(name(r), value);
        });
        for (Map.Entry<String, StateRecord> e : now.entrySet()) {
            byte[] before = written.get(e.getKey());
            StateRecord r = e.getValue();
            if (before == null || !Arrays.equals(before, r.value())) {
                state.put(KmsStores.SERVICE, r.account(), r.region(), r.kind(), r.key(), values.get(e.getKey()));
                written.put(e.getKey(), r.value());
            }
        }
        for (var it = written.keySet().iterator(); it.hasNext();) {
            String gone = it.next();
            if (!now.containsKey(gone)) {
                String[] p = gone.split("\\|", 4);
                state.delete(KmsStores.SERVICE, p[0], p[1], p[2], p[3]);
                it.remove();
            }
        }
    }

    private static String name(StateRecord r) {
        return r.account() + "|" + r.region() + "|" + r.kind() + "|" + r.key();
    }

    /** Every key and alias as a record with the value it was written from. */
    private void each(java.util.function.BiConsumer<StateRecord, Object> sink) {
        stores.lock.lock();
        try {
            stores.all.forEach((place, store) -> {
                for (KmsKey key : store.keys.values()) {
                    KmsKeyRecord value = KmsKeyRecord.of(key, stores.grantTokens);
                    sink.accept(StateRecord.of(KmsStores.SERVICE, store.account, store.region, KEY, key.keyId, value),
                            value);
                }
                for (Alias alias : store.aliases.values()) {
                    KmsAliasRecord value = KmsAliasRecord.of(alias);
                    sink.accept(StateRecord.of(KmsStores.SERVICE, store.account, store.region, ALIAS, alias.name,
                            value), value);
                }
            });
            stores.importTokens.forEach((token, p) -> {
                KmsImportTokenRecord value = KmsImportTokenRecord.of(token, p);
                sink.accept(StateRecord.of(KmsStores.SERVICE, p.account(), p.region(), IMPORT_TOKEN, tokenKey(token),
                        value), value);
            });
        } finally {
            stores.lock.unlock();
        }
    }

    /** The record key of an import token: not the token itself, which grants an import. */
    static String tokenKey(String token) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every key and alias as a record, for a snapshot (under the store lock). */
    void capture(Consumer<StateRecord> sink) {
        each((r, value) -> sink.accept(r));
    }

    /** Rebuilds keys (multi-Region groups sharing one group and one material list) and aliases. */
    void restore(List<StateRecord> records) {
        stores.lock.lock();
        try {
            KmsRestore.restore(records, stores);
            each((r, value) -> written.put(name(r), r.value()));
        } finally {
            stores.lock.unlock();
        }
    }
}
