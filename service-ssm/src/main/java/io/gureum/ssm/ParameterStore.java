package io.gureum.ssm;

import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

/** Parameter Store's state in one account and region: parameters by name, in name order. */
final class ParameterStore {
    final String account;
    final String region;
    final NavigableMap<String, StoredParameter> parameters = new ConcurrentSkipListMap<>();
    /** The account's own SSM documents, by name. */
    final NavigableMap<String, StoredDocument> documents = new ConcurrentSkipListMap<>();
    /** The earliest Expiration policy of any parameter here, or null: calls skip the sweep until then. */
    java.time.Instant earliestExpiry;

    ParameterStore(String account, String region) {
        this.account = account;
        this.region = region;
    }
}
