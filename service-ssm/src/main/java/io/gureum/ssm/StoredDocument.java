package io.gureum.ssm;

import io.gureum.core.ids.Arn;
import io.gureum.core.state.RegisteredTags;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * An SSM document of the caller's account: its versions (numbered from 1, never reused), the default
 * one, the accounts it is shared with, and its tags, kept in core's registry. Guarded by the module's lock.
 */
final class StoredDocument {
    /** One version: its content exactly as given, what was derived from it, and its own names. */
    record Version(long number, String content, String format, String hash, String displayName, String versionName,
            String targetType, List<Requirement> requires, Instant created) {
    }

    /** An entry of {@code Requires}. */
    record Requirement(String name, String version, String requireType, String versionName) {
    }

    final String name;
    final Arn arn;
    final String type;
    final String owner;
    final NavigableMap<Long, Version> versions = new TreeMap<>();
    long defaultVersion = 1;
    /** Account ID (or {@code all}) → the version shared with it ($DEFAULT, $LATEST or $ALL). */
    final Map<String, String> sharedWith = new LinkedHashMap<>();
    final RegisteredTags tags = new RegisteredTags();
    /** Bumped by every change, so SsmRecords knows to record the document again. */
    int revision;

    StoredDocument(String name, Arn arn, String type, String owner) {
        this.name = name;
        this.arn = arn;
        this.type = type;
        this.owner = owner;
    }

    Version latest() {
        return versions.lastEntry().getValue();
    }

    Version defaulted() {
        return versions.get(defaultVersion);
    }

    long nextVersion() {
        return versions.isEmpty() ? 1 : versions.lastKey() + 1;
    }

    List<Version> all() {
        return new ArrayList<>(versions.values());
    }
}
