package io.gureum.iam;

import java.time.Instant;

/** A server certificate uploaded to IAM. The private key is checked, not kept. Guarded by the account's lock. */
final class ServerCertificateRecord {
    String name;
    String path;
    String arn;
    final String id;
    final String body;
    final String chain;
    final Instant uploaded;
    final Instant expiration;
    final io.gureum.core.state.RegisteredTags tags = new io.gureum.core.state.RegisteredTags();

    ServerCertificateRecord(String name, String path, String arn, String id, String body, String chain,
            Instant uploaded, Instant expiration) {
        this.name = name;
        this.path = path;
        this.arn = arn;
        this.id = id;
        this.body = body;
        this.chain = chain;
        this.uploaded = uploaded;
        this.expiration = expiration;
    }
}
