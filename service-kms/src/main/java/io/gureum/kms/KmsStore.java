package io.gureum.kms;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** The keys (in creation order) and aliases (in name order) of one account and region. Guarded by the store lock. */
final class KmsStore {
    final String account;
    final String region;
    final Map<String, KmsKey> keys = new LinkedHashMap<>();
    final TreeMap<String, Alias> aliases = new TreeMap<>();

    KmsStore(String account, String region) {
        this.account = account;
        this.region = region;
    }
}
