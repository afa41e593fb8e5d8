package io.gureum.lambda;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A layer's record for {@code --data-dir}: every version still published (its package named by SHA-256, the zip kept
 * in the data directory), the highest number ever published, and each version's resource policy.
 */
record LayerRecord(String name, String arn, List<Version> versions, long lastVersion,
        Map<Long, Map<String, ObjectNode>> policies, Map<Long, String> policyRevisions) {

    /** One layer version (also how a function's configuration keeps the versions it uses). */
    record Version(String layerName, String layerArn, long version, String description, String createdDate,
            List<String> compatibleRuntimes, List<String> compatibleArchitectures, String licenseInfo,
            String codeSha256, long codeSize, String account, String region) {

        static Version of(LayerVersion v) {
            return new Version(v.layerName(), v.layerArn(), v.version(), v.description(), v.createdDate(),
                    v.compatibleRuntimes(), v.compatibleArchitectures(), v.licenseInfo(), v.code().sha256(),
                    v.code().size(), v.account(), v.region());
        }

        /** The version again, or null when its package is gone from the data directory. */
        LayerVersion toLayerVersion(CodeStore codes) {
            CodeStore.Code code = codes.restore(codeSha256, codeSize);
            return code == null ? null : new LayerVersion(layerName, layerArn, version, description, createdDate,
                    compatibleRuntimes, compatibleArchitectures, licenseInfo, code, account, region);
        }
    }

    /** Read under {@code synchronized (layer)}. */
    static LayerRecord of(Layer layer) {
        List<Version> versions = new ArrayList<>();
        layer.versions.values().forEach(v -> versions.add(Version.of(v)));
        Map<Long, Map<String, ObjectNode>> policies = new LinkedHashMap<>();
        layer.policies.forEach((version, statements) -> policies.put(version, new LinkedHashMap<>(statements)));
        return new LayerRecord(layer.name, layer.arn, versions, layer.lastVersion, policies,
                new LinkedHashMap<>(layer.policyRevisions));
    }

    Layer toLayer(CodeStore codes) {
        Layer layer = new Layer(name, arn);
        for (Version v : versions) {
            LayerVersion restored = v.toLayerVersion(codes);
            if (restored != null) {
                layer.versions.put(v.version(), restored);
            }
        }
        layer.lastVersion = lastVersion;
        if (policies != null) {
            policies.forEach((version, statements) -> layer.policy(version).putAll(statements));
        }
        if (policyRevisions != null) {
            layer.policyRevisions.putAll(policyRevisions);
        }
        return layer;
    }
}
