package io.gureum.secretsmanager;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * One version of a secret: its ID (the ClientRequestToken that created it), its encrypted value (null for
 * the empty version RotateSecret labels AWSPENDING before the function's createSecret step puts one) and
 * its staging labels. A version without labels is deprecated.
 */
final class SecretVersion {
    final String versionId;
    final Instant createdDate;
    final Set<String> stages = new LinkedHashSet<>();
    volatile EncryptedValue value;
    volatile Instant lastAccessedDate;

    SecretVersion(String versionId, Instant createdDate, EncryptedValue value) {
        this.versionId = versionId;
        this.createdDate = createdDate;
        this.value = value;
    }

    boolean deprecated() {
        return stages.isEmpty();
    }
}
