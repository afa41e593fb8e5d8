package io.gureum.acm;

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
 * ACM's records for {@code --data-dir} (docs/adr/0013): each certificate ({@link CertRecord}) under its ID in
 * its account and region, and each account and region's configuration ({@link ConfigRecord}). After every
 * change (an operation under the write lock, a {@code CertificateUse} event) the state is read again under the
 * write lock and what differs from the last record written is recorded, what is gone deleted. Certificates are
 * few, so reading them all is cheap next to a journal write.
 */
final class AcmRecords {
    static final String CERTIFICATE = "certificate";
    static final String CONFIG = "config";

    /** An account and region's configuration and its recent PutAccountConfiguration tokens. */
    record ConfigRecord(int daysBeforeExpiry, Map<String, AcmStore.TokenUse> tokens) {
    }

    private final StateStore state;
    private final AcmStores stores;
    /** What each record held when last written, by "kind|account|region|key". Guarded by the write lock. */
    private final Map<String, byte[]> written = new HashMap<>();

    AcmRecords(StateStore state, AcmStores stores) {
        this.state = state;
        this.stores = stores;
    }

    /** Records what changed; the caller holds the write lock. */
    void recordChanges() {
        if (!state.enabled()) {
            return;
        }
        Map<String, StateRecord> now = new LinkedHashMap<>();
        Map<String, Object> values = new HashMap<>();
        each((r, value) -> {
            now.put(name(r), r);
            values.put(name(r), value);
        });
        now.forEach((name, r) -> {
            if (!Arrays.equals(written.get(name), r.value())) {
                state.put(AcmStores.SERVICE, r.account(), r.region(), r.kind(), r.key(), values.get(name));
                written.put(name, r.value());
            }
        });
        for (var it = written.keySet().iterator(); it.hasNext();) {
            String gone = it.next();
            if (!now.containsKey(gone)) {
                String[] p = gone.split("\\|", 4);
                state.delete(AcmStores.SERVICE, p[1], p[2], p[0], p[3]);
                it.remove();
            }
        }
    }

    private static String name(StateRecord r) {
        return r.kind() + "|" + r.account() + "|" + r.region() + "|" + r.key();
    }

    private void each(BiConsumer<StateRecord, Object> sink) {
        stores.all.forEach((place, store) -> {
            store.byArn.values().forEach(c -> {
                CertRecord value = CertRecord.of(c);
                sink.accept(StateRecord.of(AcmStores.SERVICE, c.account, c.region, CERTIFICATE, c.arn.resourceId(),
                        value), value);
            });
            if (store.daysBeforeExpiry != AcmStore.DEFAULT_DAYS_BEFORE_EXPIRY || !store.configTokens.isEmpty()) {
                ConfigRecord value = new ConfigRecord(store.daysBeforeExpiry, new LinkedHashMap<>(store.configTokens));
                sink.accept(StateRecord.of(AcmStores.SERVICE, store.account, store.region, CONFIG, "account", value),
                        value);
            }
        });
    }

    /** Every certificate and configuration, for a snapshot (under the write lock). */
    void capture(Consumer<StateRecord> sink) {
        stores.lock.writeLock().lock();
        try {
            each((r, value) -> sink.accept(r));
        } finally {
            stores.lock.writeLock().unlock();
        }
    }

    void restore(List<StateRecord> records) {
        stores.lock.writeLock().lock();
        try {
            for (StateRecord r : records) {
                if (r.kind().equals(CERTIFICATE)) {
                    stores.add(r.value(CertRecord.class).toCert(r.account(), r.region()));
                } else if (r.kind().equals(CONFIG)) {
                    ConfigRecord c = r.value(ConfigRecord.class);
                    AcmStore store = stores.store(r.account(), r.region());
                    store.daysBeforeExpiry = c.daysBeforeExpiry();
                    if (c.tokens() != null) {
                        store.configTokens.putAll(c.tokens());
                    }
                }
            }
            each((r, value) -> written.put(name(r), r.value()));
        } finally {
            stores.lock.writeLock().unlock();
        }
    }
}
