package io.gureum.iam;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
/** An instance profile: a container for (at most) one role that EC2 instances use. Guarded by the account's lock. */
final class InstanceProfile {
    final String name;
    final String path;
    final String id;
    final String arn;
    final Instant created;
    final List<Role> roles = new ArrayList<>();
    /** In core's registry, the one record of every resource's tags (ADR 0008). */
    final io.gureum.core.state.RegisteredTags tags = new io.gureum.core.state.RegisteredTags();

    InstanceProfile(String name, String path, String id, String arn, Instant created) {
        this.name = name;
        this.path = path;
        this.id = id;
        this.arn = arn;
        this.created = created;
    }
}
