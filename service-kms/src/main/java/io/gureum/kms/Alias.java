package io.gureum.kms;

import java.time.Instant;

/** An alias ({@code alias/name}) of one key; UpdateAlias points it at another key of the same type and usage. */
final class Alias {
    final String name;
    final String arn;
    final Instant creationDate;
    volatile String targetKeyId;
    volatile Instant lastUpdatedDate;

    Alias(String name, String arn, String targetKeyId, Instant now) {
        this.name = name;
        this.arn = arn;
        this.targetKeyId = targetKeyId;
        this.creationDate = now;
        this.lastUpdatedDate = now;
    }
}
