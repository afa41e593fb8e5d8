package io.gureum.iam;

import java.time.Instant;

/** An IAM role. Guarded by its account's lock. */
final class Role extends Principal {
    String trustPolicy;
    String description;
    int maxSessionDuration = 3600;
    /** A service-linked role: only its service (DeleteServiceLinkedRole) may change it. */
    boolean serviceLinked;
    /** When and in which region the role was last assumed (RoleLastUsed), or null. */
    java.time.Instant lastUsed;
    String lastUsedRegion;

    Role(String name, String path, String id, String arn, Instant created) {
        super(name, path, id, arn, created);
    }
}
