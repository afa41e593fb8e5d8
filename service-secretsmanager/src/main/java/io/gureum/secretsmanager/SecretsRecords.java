package io.gureum.secretsmanager;

import io.gureum.core.persist.StateRecord;
import io.gureum.core.persist.StateStore;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Secrets Manager's records for {@code --data-dir}: each secret ({@link SecretRecord}) under its name in
 * its account and region, and the server's fingerprint key (so that a retried request's value compares
 * with the stored one after a restart). After every change — an operation under the write lock, a
 * settling on the clock, the end of a rotation — the secrets are read again under the write lock and those
 * whose record differs from the last one written are recorded, those gone deleted. Secrets are few, so
 * reading them all is cheap next to a journal write.
 */
final class SecretsRecords {
    static final String SECRET = "secret";
    static final String FINGERPRINT_KEY = "fingerprintKey";

    record FingerprintKey(byte[] key) {
    }

    private final StateStore state;
    private final SecretsStores stores;
    private final Encryption encryption;
    /** What each record held when last written, by "account|region|name". Guarded by the write lock. */
    private final Map<String, byte[]> written = new HashMap<>();
    private boolean keyWritten;

    SecretsRecords(StateStore state, SecretsStores stores, Encryption encryption) {
        this.state = state;
        this.stores = stores;
        this.encryption = encryption;
    }

    /** Records what changed; the caller holds the write lock. */
    void recordChanges() {
        if (!state.enabled()) {
            return;
        }
        if (!keyWritten) {
            state.put(SecretsStores.SERVICE, "", "", FINGERPRINT_KEY, "key", new FingerprintKey(encryption.fingerprintKey()));
            keyWritten = true;
        }
        Map<String, StateRecord> now = new LinkedHashMap<>();
        Map<String, SecretRecord> values = new HashMap<>();
        each((r, value) -> {
            now.put(name(r), r);
            values.put(name(r), value);
        });
        now.forEach((name, r) -> {
            if (!Arrays.equals(written.get(name), r.value())) {
                state.put(SecretsStores.SERVICE, r.account(), r.region(), SECRET, r.key(), values.get(name));
                written.put(name, r.value());
            }
        });
        for (var it = written.keySet().iterator(); it.hasNext();) {
            String gone = it.next();
            if (!now.containsKey(gone)) {
                String[] p = gone.split("\\|", 3);
                state.delete(SecretsStores.SERVICE, p[0], p[1], SECRET, p[2]);
                it.remove();
            }
        }
    }

    private static String name(StateRecord r) {
        return r.account() + "|" + r.region() + "|" + r.key();
    }

    private void each(BiConsumer<StateRecord, SecretRecord> sink) {
        stores.all.forEach((place, store) -> store.byName.values().forEach(s -> {
            SecretRecord value = SecretRecord.of(s);
            sink.accept(StateRecord.of(SecretsStores.SERVICE, s.account, s.region, SECRET, s.name, value), value);
        }));
    }

    /** Every secret and the fingerprint key, for a snapshot (under the write lock). */
    void capture(Consumer<StateRecord> sink) {
        stores.lock.writeLock().lock();
        try {
            sink.accept(StateRecord.of(SecretsStores.SERVICE, "", "", FINGERPRINT_KEY, "key",
                    new FingerprintKey(encryption.fingerprintKey())));
            each((r, value) -> sink.accept(r));
        } finally {
            stores.lock.writeLock().unlock();
        }
    }

    /** Rebuilds the secrets (primaries, then replicas linked to them) and the fingerprint key. */
    void restore(List<StateRecord> records) {
        stores.lock.writeLock().lock();
        try {
            Map<Secret, String> replicas = new LinkedHashMap<>();
            for (StateRecord r : records) {
                if (r.kind().equals(FINGERPRINT_KEY)) {
                    encryption.restoreFingerprintKey(r.value(FingerprintKey.class).key());
                    keyWritten = true;
                } else if (r.kind().equals(SECRET)) {
                    SecretRecord s = r.value(SecretRecord.class);
                    Secret secret = s.toSecret(r.account(), r.region());
                    stores.add(secret);
                    if (s.primaryRegion() != null) {
                        replicas.put(secret, s.primaryRegion());
                    }
                }
            }
            replicas.forEach((replica, primaryRegion) -> replica.primary = stores.store(replica.account, primaryRegion)
                    .byName.get(replica.name));
            each((r, value) -> written.put(name(r), r.value()));
        } finally {
            stores.lock.writeLock().unlock();
        }
    }
}
