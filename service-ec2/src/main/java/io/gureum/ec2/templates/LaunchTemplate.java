package io.gureum.ec2.templates;

import io.gureum.ec2.regional.Registered;
import java.time.Instant;
import java.util.TreeMap;

/** A launch template: its versions by number, the default one, and the next number to give. */
final class LaunchTemplate extends Registered {
    final String name;
    final String createdBy;
    final TreeMap<Long, TemplateVersion> versions = new TreeMap<>();
    long defaultVersion = 1;
    long nextVersion = 1;

    LaunchTemplate(String id, String ownerId, String region, Instant created, String name, String createdBy) {
        super(id, ownerId, region, created);
        this.name = name;
        this.createdBy = createdBy;
    }

    @Override
    public String resourceType() {
        return "launch-template";
    }

    /** {@code $Latest}: the highest version number that still exists. */
    long latestVersion() {
        return versions.lastKey();
    }
}
