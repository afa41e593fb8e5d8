package io.gureum.organizations;

import java.time.Instant;

/** An invitation (an INVITE handshake) from an organization to an account. */
final class HandshakeRecord {
    final String id;
    final String arn;
    final String organizationId;
    final String targetAccountId;
    final String notes;
    final Instant requested;
    final Instant expires;
    String state = "OPEN";

    HandshakeRecord(String id, String arn, String organizationId, String targetAccountId, String notes,
            Instant requested, Instant expires) {
        this.id = id;
        this.arn = arn;
        this.organizationId = organizationId;
        this.targetAccountId = targetAccountId;
        this.notes = notes;
        this.requested = requested;
        this.expires = expires;
    }
}
