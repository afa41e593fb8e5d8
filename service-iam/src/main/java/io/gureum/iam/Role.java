package io.gureum.iam;

import java.time.Instant;

/** An IAM role. Guarded by its account's lock. */
final class Role extends Principal {
    String trustPolicy;
    String description;
    int maxSessionDuration = 3600;

    Role(String name, String path, String id, String arn, Instant created) {
        super(name, path, id, arn, created);
    }
}
