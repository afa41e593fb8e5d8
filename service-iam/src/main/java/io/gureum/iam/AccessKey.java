package io.gureum.iam;

import java.time.Instant;

/** A user's long-term access key. Status is guarded by its account's lock; reads for signing are racy-safe. */
final class AccessKey {
    final String id;
    final String secret;
    final String account;
    final User user;
    final Instant created;
    volatile String status = "Active";
    /** The last request signed with the key (GetAccessKeyLastUsed), or null. */
    volatile LastUsed lastUsed;

    /** When, in which API (its signing service) and region a key was last used. */
    record LastUsed(Instant date, String serviceName, String region) {
    }

    AccessKey(String id, String secret, String account, User user, Instant created) {
        this.id = id;
        this.secret = secret;
        this.account = account;
        this.user = user;
        this.created = created;
    }
}
