package io.gureum.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gureum.core.persist.SdkJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.lambda.model.CapacityProviderConfig;
import software.amazon.awssdk.services.lambda.model.Cors;
import software.amazon.awssdk.services.lambda.model.FunctionScalingConfig;

/**
 * A function's record for {@code --data-dir}: {@code $LATEST} and every published version (code named by its
 * SHA-256; the zips stay in the data directory), aliases with their routing, resource policies, reserved and
 * provisioned concurrency, event invoke configs, recursion and runtime management settings, function URLs, the
 * code signing config and the tags.
 */
record FunctionRecord(String name, String arn, Version latest, List<Version> versions, int lastVersion,
        List<Alias> aliases, Map<String, Map<String, ObjectNode>> policies, String policyRevisionId,
        Integer reservedConcurrency, Map<String, EventInvokeConfig> invokeConfigs,
        Map<String, ProvisionedConcurrency.Config> provisioned, String recursiveLoop,
        Map<String, List<String>> runtimeManagement, List<Url> urls, String codeSigningConfigArn,
        Map<String, String> tags, Map<String, JsonNode> scalingConfigs) {

    /** One version's code and configuration (its layers' merged directory is made again at restore). */
    record Version(String version, String runtime, String role, String handler, String description, int timeout,
            int memorySize, Map<String, String> environment, List<String> architectures, String packageType,
            String codeSha256, long codeSize, String lastModified, String revisionId, String deadLetterTargetArn,
            int ephemeralStorage, String tracingMode, List<LayerRecord.Version> layers, String snapStartApplyOn,
            JsonNode capacityProviderConfig, JsonNode durableConfig) {

        static Version of(FunctionVersion v) {
            return new Version(v.version(), v.runtime(), v.role(), v.handler(), v.description(), v.timeout(),
                    v.memorySize(), v.environment(), v.architectures(), v.packageType(), v.code().sha256(),
                    v.code().size(), v.lastModified(), v.revisionId(), v.deadLetterTargetArn(), v.ephemeralStorage(),
                    v.tracingMode(), v.layers().stream().map(LayerRecord.Version::of).toList(), v.snapStartApplyOn(),
                    v.capacityProviderConfig() == null ? null : SdkJson.toJson(v.capacityProviderConfig()),
                    v.durableConfig() == null ? null : SdkJson.toJson(v.durableConfig()));
        }

        /** The version again, or null when its package (or a layer's) is gone from the data directory. */
        FunctionVersion toVersion(String functionName, String functionArn, CodeStore codes) {
            CodeStore.Code code = codes.restore(codeSha256, codeSize);
            if (code == null) {
                return null;
            }
            List<LayerVersion> attached = new ArrayList<>();
            for (LayerRecord.Version l : layers == null ? List.<LayerRecord.Version>of() : layers) {
                LayerVersion lv = l.toLayerVersion(codes);
                if (lv == null) {
                    return null;
                }
                attached.add(lv);
            }
            java.nio.file.Path opt = attached.isEmpty() ? null
                    : codes.merge(attached.stream().map(LayerVersion::code).toList());
            return new FunctionVersion(functionName, functionArn, version, runtime, role, handler, description,
                    timeout, memorySize, environment == null ? Map.of() : environment,
                    architectures == null ? FunctionVersion.defaultArchitectures() : architectures, packageType, code,
                    lastModified, revisionId, deadLetterTargetArn, ephemeralStorage, tracingMode, attached, opt,
                    snapStartApplyOn, capacityProviderConfig == null ? null
                            : SdkJson.fromJson(capacityProviderConfig, CapacityProviderConfig.class),
                    durableConfig == null ? null : SdkJson.fromJson(durableConfig,
                            software.amazon.awssdk.services.lambda.model.DurableConfig.class));
        }
    }

    /** A function URL; {@code cors} is the API's {@code Cors} structure as JSON. */
    record Url(String urlId, String qualifier, String authType, JsonNode cors, String invokeMode, String creationTime,
            String lastModifiedTime) {

        static Url of(FunctionUrl u) {
            return new Url(u.urlId(), u.qualifier(), u.authType(), SdkJson.toJson(u.cors()), u.invokeMode(),
                    u.creationTime(), u.lastModifiedTime());
        }

        FunctionUrl toUrl(String account, String region, String functionName) {
            return new FunctionUrl(urlId, account, region, functionName, qualifier, authType,
                    SdkJson.fromJson(cors, Cors.class), invokeMode, creationTime, lastModifiedTime);
        }
    }

    /** Read under {@code synchronized (f)}. */
    static FunctionRecord of(LambdaFunction f, Map<String, String> tags) {
        List<Version> versions = new ArrayList<>();
        f.versions.values().forEach(v -> versions.add(Version.of(v)));
        Map<String, Map<String, ObjectNode>> policies = new LinkedHashMap<>();
        f.policies.forEach((qualifier, statements) -> policies.put(qualifier, new LinkedHashMap<>(statements)));
        Map<String, List<String>> runtimeManagement = new LinkedHashMap<>();
        f.runtimeManagement.forEach((version, setting) -> runtimeManagement.put(version, java.util.Arrays.asList(setting)));
        return new FunctionRecord(f.name, f.arn, Version.of(f.latest), versions, f.lastVersion,
                List.copyOf(f.aliases.values()), policies, f.policyRevisionId, f.reservedConcurrency,
                new LinkedHashMap<>(f.invokeConfigs), new LinkedHashMap<>(f.provisioned), f.recursiveLoop,
                runtimeManagement, f.urls.values().stream().map(Url::of).toList(), f.codeSigningConfigArn,
                new LinkedHashMap<>(tags), scalingConfigs(f));
    }

    /** The function again, or null when its {@code $LATEST} package is gone from the data directory. */
    LambdaFunction toFunction(String account, String region, CodeStore codes) {
        FunctionVersion restoredLatest = latest.toVersion(name, arn, codes);
        if (restoredLatest == null) {
            return null;
        }
        LambdaFunction f = new LambdaFunction(name, arn, account, region, restoredLatest);
        for (Version v : versions) {
            FunctionVersion restored = v.toVersion(name, arn, codes);
            if (restored != null) {
                f.versions.put(Integer.parseInt(v.version()), restored);
            }
        }
        f.lastVersion = lastVersion;
        aliases.forEach(a -> f.aliases.put(a.name(), a));
        if (policies != null) {
            policies.forEach((qualifier, statements) -> f.policies.put(qualifier, new LinkedHashMap<>(statements)));
        }
        f.policyRevisionId = policyRevisionId;
        f.reservedConcurrency = reservedConcurrency;
        if (invokeConfigs != null) {
            f.invokeConfigs.putAll(invokeConfigs);
        }
        if (provisioned != null) {
            f.provisioned.putAll(provisioned);
        }
        f.recursiveLoop = recursiveLoop == null ? "Terminate" : recursiveLoop;
        if (runtimeManagement != null) {
            runtimeManagement.forEach((version, setting) -> f.runtimeManagement.put(version,
                    setting.toArray(new String[0])));
        }
        if (urls != null) {
            urls.forEach(u -> f.urls.put(u.qualifier() == null ? "" : u.qualifier(), u.toUrl(account, region, name)));
        }
        f.codeSigningConfigArn = codeSigningConfigArn;
        if (scalingConfigs != null) {
            scalingConfigs.forEach((version, c) -> f.scalingConfigs.put(version,
                    SdkJson.fromJson(c, FunctionScalingConfig.class)));
        }
        return f;
    }

    private static Map<String, JsonNode> scalingConfigs(LambdaFunction f) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        f.scalingConfigs.forEach((version, c) -> out.put(version, SdkJson.toJson(c)));
        return out;
    }
}
