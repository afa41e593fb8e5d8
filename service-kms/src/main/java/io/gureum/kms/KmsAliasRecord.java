package io.gureum.kms;

import java.time.Instant;

/** An alias as {@code --data-dir} keeps it. */
record KmsAliasRecord(String name, String arn, String targetKeyId, Instant creationDate, Instant lastUpdatedDate) {

    static KmsAliasRecord of(Alias a) {
        return new KmsAliasRecord(a.name, a.arn, a.targetKeyId, a.creationDate, a.lastUpdatedDate);
    }

    Alias toAlias() {
        Alias a = new Alias(name, arn, targetKeyId, creationDate);
        a.lastUpdatedDate = lastUpdatedDate;
        return a;
    }
}
