package io.gureum.iam;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** What roles and users share: identity, attached managed policies, inline policies and tags. */
abstract class Principal {
    /** Users and groups can be renamed and moved (UpdateUser, UpdateGroup); the ID stays. */
    String name;
    String path;
    final String id;
    String arn;
    final Instant created;
    String permissionsBoundary;
    /** Managed policy ARNs, in attachment order. */
    final Set<String> attached = new LinkedHashSet<>();
    /** Inline policies by name (as given) → document. */
    final Map<String, String> inline = new TreeMap<>();
    /** In core's registry, the one record of every resource's tags (ADR 0008). */
    final io.gureum.core.state.RegisteredTags tags = new io.gureum.core.state.RegisteredTags();

    Principal(String name, String path, String id, String arn, Instant created) {
        this.name = name;
        this.path = path;
        this.id = id;
        this.arn = arn;
        this.created = created;
    }
}
