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

    /** The last use written to {@code --data-dir}: a signed request journals its key only now and then. */
    private LastUsed persisted;

    /**
     * Whether this use should be written: the first, one in another API or region, or an hour after the last
     * written. AWS itself reports last-used information with a delay of hours
     * (https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_last-accessed.html), so after a restart
     * the date may be up to an hour older than the last use, while every request need not wait for a journal write.
     */
    synchronized boolean persistLastUse(LastUsed use) {
        LastUsed p = persisted;
        if (p != null && java.util.Objects.equals(p.serviceName(), use.serviceName()) && java.util.Objects.equals(p.region(), use.region())
                && use.date().isBefore(p.date().plusSeconds(3600))) {
            return false;
        }
        persisted = use;
        return true;
    }

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
