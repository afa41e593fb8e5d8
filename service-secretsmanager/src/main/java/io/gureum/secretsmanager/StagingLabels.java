package io.gureum.secretsmanager;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Iterator;

/**
 * How staging labels move between a secret's versions: a label is on at most one version; moving
 * {@code AWSCURRENT} puts {@code AWSPREVIOUS} on the version it left
 * (https://docs.aws.amazon.com/secretsmanager/latest/userguide/whats-in-a-secret.html#term_version).
 */
final class StagingLabels {
    static final String CURRENT = "AWSCURRENT";
    static final String PREVIOUS = "AWSPREVIOUS";
    static final String PENDING = "AWSPENDING";
    /** "Secrets Manager removes outdated versions when there are more than 100, but it does not remove versions created less than 24 hours ago." */
    static final int KEPT_VERSIONS = 100;

    private StagingLabels() {
    }

    /** Attaches {@code labels} to {@code version}, taking each from the version that had it. */
    static void attach(Secret secret, SecretVersion version, Collection<String> labels) {
        for (String label : labels) {
            attach(secret, version, label);
        }
    }

    static void attach(Secret secret, SecretVersion version, String label) {
        SecretVersion holder = secret.versionWithStage(label);
        if (holder == version) {
            return;
        }
        if (holder != null) {
            holder.stages.remove(label);
        }
        if (label.equals(CURRENT) && holder != null) {
            SecretVersion previous = secret.versionWithStage(PREVIOUS);
            if (previous != null) {
                previous.stages.remove(PREVIOUS);
            }
            holder.stages.add(PREVIOUS);
        }
        version.stages.add(label);
    }

    /** Drops deprecated versions beyond the 100 most recent that are more than a day old. */
    static void prune(Secret secret, Instant now) {
        int excess = secret.versions.size() - KEPT_VERSIONS;
        Iterator<SecretVersion> it = secret.versions.values().iterator();
        while (excess > 0 && it.hasNext()) {
            SecretVersion v = it.next();
            if (v.deprecated() && v.createdDate.isBefore(now.minus(Duration.ofDays(1)))) {
                it.remove();
                excess--;
            }
        }
    }
}
