package io.gureum.ssm;

import io.gureum.core.ids.Arn;
import io.gureum.core.state.RegisteredTags;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A parameter: its versions (the 100 newest; numbering goes on after the oldest are dropped) and its
 * tags, kept in core's registry. Guarded by the module's lock.
 */
final class StoredParameter {
    /** "Parameter Store retains the 100 most recently created versions of a parameter." */
    static final int MAX_VERSIONS = 100;

    final String name;
    final Arn arn;
    final NavigableMap<Long, ParameterVersion> versions = new TreeMap<>();
    final RegisteredTags tags = new RegisteredTags();

    StoredParameter(String name, Arn arn) {
        this.name = name;
        this.arn = arn;
    }

    ParameterVersion latest() {
        return versions.lastEntry().getValue();
    }

    long nextVersion() {
        return versions.isEmpty() ? 1 : versions.lastKey() + 1;
    }

    Optional<ParameterVersion> version(long number) {
        return Optional.ofNullable(versions.get(number));
    }

    Optional<ParameterVersion> labelled(String label) {
        return versions.values().stream().filter(v -> v.labels.contains(label)).findFirst();
    }
}
