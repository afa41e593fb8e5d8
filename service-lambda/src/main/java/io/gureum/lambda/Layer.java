package io.gureum.lambda;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A layer of one account and region: its versions by number and each version's resource policy. Version
 * numbers are never reused: publishing after deletions continues from the highest number ever published.
 * Guard every access with {@code synchronized (layer)}.
 */
final class Layer {
    final String name;
    final String arn;
    final TreeMap<Long, LayerVersion> versions = new TreeMap<>();
    long lastVersion;
    /** Statements by Sid, in the order added, per version number. */
    final Map<Long, Map<String, ObjectNode>> policies = new HashMap<>();
    final Map<Long, String> policyRevisions = new HashMap<>();

    Layer(String name, String arn) {
        this.name = name;
        this.arn = arn;
    }

    Map<String, ObjectNode> policy(long version) {
        return policies.computeIfAbsent(version, v -> new LinkedHashMap<>());
    }
}
