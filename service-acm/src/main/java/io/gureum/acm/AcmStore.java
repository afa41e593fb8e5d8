package io.gureum.acm;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * ACM's state in one account and region: certificates by ARN (in creation order), the account
 * configuration (days before expiry of expiry events) and the idempotency tokens seen in the last hour.
 */
final class AcmStore {
    /** AWS's default: events start 45 days before expiry (PutAccountConfiguration). */
    static final int DEFAULT_DAYS_BEFORE_EXPIRY = 45;

    final String account;
    final String region;
    final Map<String, Cert> byArn = new LinkedHashMap<>();
    int daysBeforeExpiry = DEFAULT_DAYS_BEFORE_EXPIRY;
    /** PutAccountConfiguration's tokens: when each was first used and what it set. */
    final Map<String, TokenUse> configTokens = new LinkedHashMap<>();

    record TokenUse(Instant at, Integer daysBeforeExpiry) {
    }

    AcmStore(String account, String region) {
        this.account = account;
        this.region = region;
    }
}
