package io.gureum.core.auth;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Maps access keys to accounts: a 12-digit key is that account (so tests can pick accounts freely);
 * keys IAM issued map to their user's account through a registered {@link AccessKeyResolver}; every
 * other key belongs to the default account.
 */
public final class Accounts {

    /** Looks up keys that a service (IAM, STS) issued. */
    public interface AccessKeyResolver {
        Optional<AccessKey> resolve(String accessKeyId);
    }

    /**
     * A known key: its account, its secret (for signature verification) and who it belongs to. Temporary
     * (STS) keys also carry their session token, which signed requests must present, and their expiry on
     * the core clock; both are null for long-term keys.
     */
    public record AccessKey(String accessKeyId, String secretAccessKey, String accountId, String principalArn,
            String sessionToken, java.time.Instant expiration) {

        /** A long-term key (an IAM user's). */
        public AccessKey(String accessKeyId, String secretAccessKey, String accountId, String principalArn) {
            this(accessKeyId, secretAccessKey, accountId, principalArn, null, null);
        }

        /** Whether this is a temporary key, which is only valid with its session token. */
        public boolean temporary() {
            return sessionToken != null;
        }
    }

    private final String defaultAccount;
    private final List<AccessKeyResolver> resolvers = new CopyOnWriteArrayList<>();

    public Accounts(String defaultAccount) {
        this.defaultAccount = defaultAccount;
    }

    public String defaultAccount() {
        return defaultAccount;
    }

    public void addResolver(AccessKeyResolver resolver) {
        resolvers.add(resolver);
    }

    public void removeResolver(AccessKeyResolver resolver) {
        resolvers.remove(resolver);
    }

    public Optional<AccessKey> lookup(String accessKeyId) {
        if (accessKeyId == null) {
            return Optional.empty();
        }
        for (AccessKeyResolver r : resolvers) {
            Optional<AccessKey> key = r.resolve(accessKeyId);
            if (key.isPresent()) {
                return key;
            }
        }
        return Optional.empty();
    }

    /** The account a request signed with this key acts in. */
    public String accountOf(String accessKeyId) {
        if (accessKeyId != null && twelveDigits(accessKeyId)) {
            return accessKeyId;
        }
        return accountOf(accessKeyId, lookup(accessKeyId));
    }

    /** The same, for a key already looked up (the dispatcher resolves each request's key once). */
    public String accountOf(String accessKeyId, Optional<AccessKey> key) {
        if (accessKeyId == null) {
            return defaultAccount;
        }
        if (twelveDigits(accessKeyId)) {
            return accessKeyId;
        }
        return key.map(AccessKey::accountId).orElse(defaultAccount);
    }

    /** Whether the key is twelve ASCII digits (what {@code \d{12}} matches), without a regex matcher per request. */
    private static boolean twelveDigits(String key) {
        if (key.length() != 12) {
            return false;
        }
        for (int i = 0; i < 12; i++) {
            char c = key.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
