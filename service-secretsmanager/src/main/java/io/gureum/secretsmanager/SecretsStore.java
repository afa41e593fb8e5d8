package io.gureum.secretsmanager;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Secrets Manager's state in one account and region: secrets by name (those scheduled for deletion too). */
final class SecretsStore {
    final String account;
    final String region;
    final Map<String, Secret> byName = new ConcurrentHashMap<>();

    SecretsStore(String account, String region) {
        this.account = account;
        this.region = region;
    }
}
