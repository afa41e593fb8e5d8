package io.gureum.iam;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;

/** An IAM group: users, attached and inline policies (groups have no tags). Guarded by its account's lock. */
final class Group extends Principal {
    /** Members, in the order they joined. */
    final Set<User> users = new LinkedHashSet<>();

    Group(String name, String path, String id, String arn, Instant created) {
        super(name, path, id, arn, created);
    }
}
