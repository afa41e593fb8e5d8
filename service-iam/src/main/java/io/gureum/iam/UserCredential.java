package io.gureum.iam;

import java.time.Instant;

/**
 * A user's signing certificate or SSH public key: the body as uploaded, its status and, for SSH keys, the
 * fingerprint. Guarded by the account's lock.
 */
final class UserCredential {
    final String id;
    final String body;
    final String fingerprint;
    final Instant uploaded;
    String status = "Active";

    UserCredential(String id, String body, String fingerprint, Instant uploaded) {
        this.id = id;
        this.body = body;
        this.fingerprint = fingerprint;
        this.uploaded = uploaded;
    }
}
