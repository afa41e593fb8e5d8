package io.gureum.iam;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** A managed policy: customer managed, or an AWS managed one as seen from one account. Guarded by the account's lock. */
final class ManagedPolicy {
    record Version(String id, String document, Instant created) {
    }

    final String name;
    final String path;
    final String id;
    final String arn;
    final String description;
    final Instant created;
    final boolean awsManaged;
    Instant updated;
    String defaultVersion = "v1";
    int nextVersion = 2;
    int attachments;
    int boundaryUses;
    final Map<String, Version> versions = new LinkedHashMap<>();
    /** In core's registry, the one record of every resource's tags (ADR 0008). */
    final io.gureum.core.state.RegisteredTags tags = new io.gureum.core.state.RegisteredTags();

    ManagedPolicy(String name, String path, String id, String arn, String description, Instant created,
            boolean awsManaged) {
        this.name = name;
        this.path = path;
        this.id = id;
        this.arn = arn;
        this.description = description;
        this.created = created;
        this.updated = created;
        this.awsManaged = awsManaged;
    }

    Version defaultVersion() {
        return versions.get(defaultVersion);
    }

    static Map<String, Version> sortedVersions(Map<String, Version> versions) {
        return new TreeMap<>(versions);
    }
}
