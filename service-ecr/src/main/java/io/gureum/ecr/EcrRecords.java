package io.gureum.ecr;

import io.gureum.core.persist.StateRecord;
import io.gureum.core.persist.StateStore;
import io.gureum.core.spi.OperationCall;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * ECR's records for {@code --data-dir} (ADR 0013): each repository with its settings, policies, tags and images
 * (kind {@code repository}, key its name), each uploaded layer once (kind {@code layer}, key
 * {@code <repository>@<digest>}, its digest and size: the bytes are files of the {@link LayerStore}, forced to the
 * disk before the record), and each registry's policy, scan type, scanning and replication rules (kind
 * {@code registry}). A layer upload in progress is one record (kind {@code upload}, key
 * {@code <repository>/<upload ID>}) holding the size received, written again after each part (whose bytes are
 * in the upload's file), deleted when the upload completes or its repository goes. Records of older versions held
 * layers' and parts' bytes inline ({@code data}, kind {@code upload-part}): they are restored into files. Pull-through cache rules (kind {@code cache-rule})
 * and repository creation templates (kind {@code creation-template}) are kept one record each, key their prefix;
 * account settings put one record each (kind {@code account-setting}, key the name), the signing configuration (kind
 * {@code signing-configuration}) and each pull time update exclusion (kind {@code pull-time-exclusion}, key the
 * principal's ARN), and each authorization token
 * not yet expired (kind {@code token}, key the sha256 of its password, value its expiry; kind {@code token-key}, the
 * access key ID it was issued to), so that a
 * {@code docker login} outlives a restart as it outlives nothing on AWS but the token's 12 hours.
 * The registry's scanning and replication rules are not kept. Every call runs under the module's lock; after one that may change
 * state, what differs from the last recording is recorded again under that lock, and what is gone deleted.
 */
final class EcrRecords {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(EcrRecords.class);
    /** The API whose records these are: {@code ecr}, or {@code ecr-public} ({@link EcrPublicService}). */
    private final String service;

    /** {@code taggedAt}: when each tag was put (null in records of older versions: the push time). */
    record ImageRecord(String digest, String manifest, String mediaType, String artifactMediaType, long size,
            Instant pushedAt, List<String> tags, Map<String, Instant> taggedAt) {
    }

    /** {@code catalog}: ECR Public's catalog data, null for ECR's repositories. */
    record RepositoryRecord(String name, Instant createdAt, String imageTagMutability, boolean scanOnPush,
            String encryptionType, String kmsKey, String policyText, String lifecyclePolicyText,
            Instant lifecycleEvaluatedAt, Map<String, String> tags, List<ImageRecord> images, PublicCatalog catalog) {
    }

    /** ECR Public's registry: its default alias and catalog display name. */
    record PublicRegistryRecord(String alias, String displayName) {
    }

    /** {@code data}: the bytes, in records of older versions only; null now (the bytes are in the layer store). */
    record LayerRecord(String repository, String digest, byte[] data, long size) {
    }

    /** The registry's policy, scan type and rules (the rules as SDK JSON; null in records of older versions). */
    record RegistryRecord(String policyText, String scanType, List<com.fasterxml.jackson.databind.JsonNode> scanningRules,
            List<com.fasterxml.jackson.databind.JsonNode> replicationRules) {
        static RegistryRecord of(Registry r) {
            return new RegistryRecord(r.policyText, r.scanType, json(r.scanningRules), json(r.replicationRules));
        }

        private static List<com.fasterxml.jackson.databind.JsonNode> json(List<?> rules) {
            return rules.stream().map(io.gureum.core.persist.SdkJson::toJson).toList();
        }

        void applyTo(Registry r) {
            r.policyText = policyText;
            r.scanType = scanType;
            if (scanningRules != null) {
                r.scanningRules = new java.util.ArrayList<>(scanningRules.stream().map(n -> io.gureum.core.persist.SdkJson
                        .fromJson(n, software.amazon.awssdk.services.ecr.model.RegistryScanningRule.class)).toList());
            }
            if (replicationRules != null) {
                r.replicationRules = new java.util.ArrayList<>(replicationRules.stream().map(n -> io.gureum.core
                        .persist.SdkJson.fromJson(n, software.amazon.awssdk.services.ecr.model.ReplicationRule.class))
                        .toList());
            }
        }

        /** What changes of the registry's own settings are compared by. */
        static List<Object> fingerprint(Registry r) {
            return java.util.Arrays.asList(r.policyText, r.scanType, List.copyOf(r.scanningRules),
                    List.copyOf(r.replicationRules));
        }

        /** A registry nobody configured: nothing to record. */
        static boolean isDefault(Registry r) {
            return r.policyText == null && "BASIC".equals(r.scanType) && r.scanningRules.isEmpty()
                    && r.replicationRules.isEmpty();
        }
    }

    /** The signing configuration's rules as SDK JSON. */
    record SigningRecord(List<com.fasterxml.jackson.databind.JsonNode> rules) {
    }

    /**
     * {@code size}: the bytes received; null in records of older versions (their parts were records).
     * {@code parts}, {@code lastPartSize}, {@code smallPart}: what ECR Public's part limits need ({@link Upload}); null
     * in records of older versions.
     */
    record UploadRecord(String repository, String uploadId, Long size, Integer parts, Long lastPartSize,
            Boolean smallPart) {
        static UploadRecord of(String repository, Upload u) {
            return new UploadRecord(repository, u.id, u.size, u.parts, u.lastPartSize, u.smallPart);
        }
    }

    record UploadPartRecord(String repository, String uploadId, int index, byte[] data) {
    }

    private final StateStore state;
    private final EcrState ecr;
    /** What was last recorded, by registry: each repository's fingerprint, its layers, the registry's own. */
    private final Map<Registry, Map<String, List<Object>>> repositories = new HashMap<>();
    private final Map<Registry, Set<String>> layers = new HashMap<>();
    private final Map<Registry, List<Object>> registries = new HashMap<>();
    /** Cache rules and creation templates recorded, by registry and {@code <kind>|<key>}: the value recorded. */
    private final Map<Registry, Map<String, Object>> configs = new HashMap<>();
    /** Uploads in progress recorded, by registry and {@code <repository>/<upload ID>}: the size recorded. */
    private final Map<Registry, Map<String, Long>> uploads = new HashMap<>();

    EcrRecords(StateStore state, EcrState ecr) {
        this.state = state;
        this.ecr = ecr;
        this.service = ecr.api;
    }

    /** Records what changed since the last recording (a registry API request), under the module's lock. */
    void recordNow() {
        if (state.enabled()) {
            ecr.all.forEach((place, registry) -> recordChanges(registry));
        }
    }

    /** Runs a call holding the module's lock and records what it changed. */
    Object intercept(OperationCall call) throws Exception {
        String op = call.operation();
        boolean reads = (op.startsWith("Get") && !op.equals("GetAuthorizationToken")) || op.startsWith("Describe")
                || op.startsWith("List") || op.startsWith("BatchGet") || op.startsWith("BatchCheck");
        if (!state.enabled() || reads) {
            return call.proceed();
        }
        try {
            return call.proceed();
        } finally {
            ecr.all.forEach((place, registry) -> recordChanges(registry));
        }
    }

    private void recordChanges(Registry registry) {
        Map<String, List<Object>> before = repositories.computeIfAbsent(registry, r -> new HashMap<>());
        Set<String> recordedLayers = layers.computeIfAbsent(registry, r -> new HashSet<>());
        Set<String> seen = new HashSet<>();
        Set<String> seenLayers = new HashSet<>();
        for (Repository repo : registry.repositories.values()) {
            seen.add(repo.name);
            List<Object> print = fingerprint(repo);
            if (!print.equals(before.get(repo.name))) {
                state.put(service, registry.account, registry.region, "repository", repo.name, recordOf(repo));
                before.put(repo.name, print);
            }
            for (Layer layer : repo.layers.values()) {
                String key = repo.name + "@" + layer.digest();
                seenLayers.add(key);
                if (recordedLayers.add(key)) {
                    state.put(service, registry.account, registry.region, "layer", key,
                            new LayerRecord(repo.name, layer.digest(), null, layer.size()));
                }
            }
        }
        for (var it = before.keySet().iterator(); it.hasNext();) {
            String name = it.next();
            if (!seen.contains(name)) {
                state.delete(service, registry.account, registry.region, "repository", name);
                it.remove();
            }
        }
        for (var it = recordedLayers.iterator(); it.hasNext();) {
            String key = it.next();
            if (!seenLayers.contains(key)) {
                state.delete(service, registry.account, registry.region, "layer", key);
                it.remove();
            }
        }
        recordUploads(registry);
        recordConfigs(registry);
        List<Object> own = RegistryRecord.fingerprint(registry);
        List<Object> ownBefore = registries.get(registry);
        if (ownBefore == null ? !RegistryRecord.isDefault(registry) : !own.equals(ownBefore)) {
            state.put(service, registry.account, registry.region, "registry", "registry", RegistryRecord.of(registry));
            registries.put(registry, own);
        }
    }

    /** The registry's pull-through cache rules and creation templates, by kind and key. */
    private static Map<String, Object> configsOf(Registry registry) {
        Map<String, Object> now = new LinkedHashMap<>();
        registry.cacheRules.forEach((k, v) -> now.put("cache-rule|" + k, v));
        registry.templates.forEach((k, v) -> now.put("creation-template|" + k, v));
        registry.accountSettings.forEach((k, v) -> now.put("account-setting|" + k, v));
        registry.tokens.forEach((k, v) -> now.put("token|" + k, v));
        registry.tokenKeys.forEach((k, v) -> now.put("token-key|" + k, v));
        if (registry.signingRules != null) {
            now.put("signing-configuration|signing", new SigningRecord(registry.signingRules.stream()
                    .map(io.gureum.core.persist.SdkJson::toJson).toList()));
        }
        registry.pullTimeExclusions.forEach((k, v) -> now.put("pull-time-exclusion|" + k, v));
        if (registry.publicAlias != null || registry.displayName != null) {
            now.put("public-registry|registry", new PublicRegistryRecord(registry.publicAlias, registry.displayName));
        }
        return now;
    }

    /** Rules and templates created or changed since the last recording (records compare by value), or gone. */
    private void recordConfigs(Registry registry) {
        Map<String, Object> recorded = configs.computeIfAbsent(registry, r -> new HashMap<>());
        Map<String, Object> now = configsOf(registry);
        now.forEach((k, v) -> {
            if (!v.equals(recorded.get(k))) {
                String[] kindKey = k.split("\\|", 2);
                state.put(service, registry.account, registry.region, kindKey[0], kindKey[1], v);
                recorded.put(k, v);
            }
        });
        for (var it = recorded.keySet().iterator(); it.hasNext();) {
            String k = it.next();
            if (!now.containsKey(k)) {
                String[] kindKey = k.split("\\|", 2);
                state.delete(service, registry.account, registry.region, kindKey[0], kindKey[1]);
                it.remove();
            }
        }
    }

    /** Uploads begun or grown since the last recording; uploads completed or gone with their repository. */
    private void recordUploads(Registry registry) {
        Map<String, Long> recorded = uploads.computeIfAbsent(registry, r -> new HashMap<>());
        Set<String> seen = new HashSet<>();
        for (Repository repo : registry.repositories.values()) {
            for (Upload upload : repo.uploads.values()) {
                String key = repo.name + "/" + upload.id;
                seen.add(key);
                if (!Long.valueOf(upload.size).equals(recorded.get(key))) {
                    state.put(service, registry.account, registry.region, "upload", key,
                            UploadRecord.of(repo.name, upload));
                    recorded.put(key, upload.size);
                }
            }
        }
        for (var it = recorded.entrySet().iterator(); it.hasNext();) {
            var e = it.next();
            if (!seen.contains(e.getKey())) {
                state.delete(service, registry.account, registry.region, "upload", e.getKey());
                it.remove();
            }
        }
    }

    /** Everything a repository's record holds but layer bytes; a repository created again is another object. */
    private static List<Object> fingerprint(Repository r) {
        List<Object> print = new ArrayList<>(java.util.Arrays.asList(System.identityHashCode(r), r.imageTagMutability,
                r.scanOnPush, r.encryptionType, r.kmsKey, r.policyText, r.lifecyclePolicyText,
                r.lifecycleEvaluatedAt, new LinkedHashMap<>(r.tags), java.util.Objects.hashCode(r.catalog)));
        r.images.values().forEach(i -> {
            print.add(i.digest);
            print.add(List.copyOf(i.tags));
            print.add(new HashMap<>(i.taggedAt));
        });
        return print;
    }

    private static RepositoryRecord recordOf(Repository r) {
        List<ImageRecord> images = new ArrayList<>();
        r.images.values().forEach(i -> images.add(new ImageRecord(i.digest, i.manifest, i.mediaType,
                i.artifactMediaType, i.sizeInBytes, i.pushedAt, List.copyOf(i.tags), new HashMap<>(i.taggedAt))));
        return new RepositoryRecord(r.name, r.createdAt, r.imageTagMutability, r.scanOnPush, r.encryptionType,
                r.kmsKey, r.policyText, r.lifecyclePolicyText, r.lifecycleEvaluatedAt, new LinkedHashMap<>(r.tags),
                images, r.catalog);
    }

    /** Every repository, layer and registry setting, for a snapshot. */
    void capture(Consumer<StateRecord> sink) {
        ecr.lock.lock();
        try {
            ecr.all.forEach((place, registry) -> {
                for (Repository repo : registry.repositories.values()) {
                    sink.accept(StateRecord.of(service, registry.account, registry.region, "repository", repo.name,
                            recordOf(repo)));
                    repo.layers.values().forEach(l -> sink.accept(StateRecord.of(service, registry.account,
                            registry.region, "layer", repo.name + "@" + l.digest(),
                            new LayerRecord(repo.name, l.digest(), null, l.size()))));
                    for (Upload upload : repo.uploads.values()) {
                        sink.accept(StateRecord.of(service, registry.account, registry.region, "upload",
                                repo.name + "/" + upload.id, UploadRecord.of(repo.name, upload)));
                    }
                }
                configsOf(registry).forEach((k, v) -> {
                    String[] kindKey = k.split("\\|", 2);
                    sink.accept(StateRecord.of(service, registry.account, registry.region, kindKey[0], kindKey[1], v));
                });
                if (!RegistryRecord.isDefault(registry)) {
                    sink.accept(StateRecord.of(service, registry.account, registry.region, "registry", "registry",
                            RegistryRecord.of(registry)));
                }
            });
        } finally {
            ecr.lock.unlock();
        }
    }

    /** Rebuilds the repositories (their tags in core's registry), their images and layers, the registries. */
    void restore(List<StateRecord> records) {
        ecr.lock.lock();
        try {
            Map<LayerRecord, Registry> restoredLayers = new java.util.IdentityHashMap<>();
            Map<UploadRecord, Registry> restoredUploads = new java.util.IdentityHashMap<>();
            Map<String, java.util.TreeMap<Integer, byte[]>> restoredParts = new HashMap<>();
            for (StateRecord r : records) {
                Registry registry = ecr.all.get(r.account(), r.region());
                switch (r.kind()) {
                    case "repository" -> restore(registry, r.value(RepositoryRecord.class));
                    case "layer" -> restoredLayers.put(r.value(LayerRecord.class), registry);
                    case "upload" -> restoredUploads.put(r.value(UploadRecord.class), registry);
                    case "upload-part" -> {
                        UploadPartRecord p = r.value(UploadPartRecord.class);
                        restoredParts.computeIfAbsent(r.account() + "|" + r.region() + "|" + p.repository() + "/"
                                + p.uploadId(), k -> new java.util.TreeMap<>()).put(p.index(), p.data());
                    }
                    case "cache-rule" -> {
                        PullThroughCacheRules.Rule rule = r.value(PullThroughCacheRules.Rule.class);
                        registry.cacheRules.put(PullThroughCacheRules.key(rule.prefix()), rule);
                    }
                    case "creation-template" -> {
                        CreationTemplates.Template t = r.value(CreationTemplates.Template.class);
                        registry.templates.put(PullThroughCacheRules.key(t.prefix()), t);
                    }
                    case "account-setting" -> registry.accountSettings.put(r.key(), r.value(String.class));
                    case "token" -> registry.tokens.put(r.key(), r.value(java.time.Instant.class));
                    case "token-key" -> registry.tokenKeys.put(r.key(), r.value(String.class));
                    case "signing-configuration" -> registry.signingRules = new ArrayList<>(r.value(SigningRecord.class)
                            .rules().stream().map(n -> io.gureum.core.persist.SdkJson.fromJson(n,
                                    software.amazon.awssdk.services.ecr.model.SigningRule.class)).toList());
                    case "pull-time-exclusion" -> registry.pullTimeExclusions.put(r.key(),
                            r.value(java.time.Instant.class));
                    case "public-registry" -> {
                        PublicRegistryRecord pr = r.value(PublicRegistryRecord.class);
                        registry.publicAlias = pr.alias();
                        registry.displayName = pr.displayName();
                    }
                    case "registry" -> {
                        r.value(RegistryRecord.class).applyTo(registry);
                    }
                    default -> {
                    }
                }
            }
            LayerStore store = ecr.layerStore;
            restoredLayers.forEach((l, registry) -> {
                Repository repo = registry.repositories.get(l.repository());
                if (repo == null) {
                    return;
                }
                try {
                    if (l.data() != null) {
                        repo.layers.put(l.digest(), store.store(l.digest(), l.data()));
                    } else if (store.has(l.digest(), l.size())) {
                        repo.layers.put(l.digest(), new Layer(l.digest(), l.size()));
                    } else {
                        LOG.warn("ECR layer {} of repository {} is missing from the data directory; not restored",
                                l.digest(), l.repository());
                    }
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            restoredUploads.forEach((u, registry) -> {
                Repository repo = registry.repositories.get(u.repository());
                if (repo == null) {
                    return;
                }
                Upload upload = restoreUpload(store, u, restoredParts.getOrDefault(registry.account + "|"
                        + registry.region + "|" + u.repository() + "/" + u.uploadId(), new java.util.TreeMap<>()));
                if (upload != null) {
                    repo.uploads.put(upload.id, upload);
                }
            });
            Set<String> liveLayers = new HashSet<>();
            Set<String> liveUploads = new HashSet<>();
            ecr.all.forEach((place, registry) -> registry.repositories.values().forEach(repo -> {
                liveLayers.addAll(repo.layers.keySet());
                liveUploads.addAll(repo.uploads.keySet());
            }));
            store.keepOnly(liveLayers, liveUploads);
            ecr.all.forEach((place, registry) -> {
                Map<String, Long> recordedUploads = uploads.computeIfAbsent(registry, x -> new HashMap<>());
                registry.repositories.values().forEach(repo -> repo.uploads.values()
                        .forEach(u -> recordedUploads.put(repo.name + "/" + u.id, u.size)));
                Map<String, List<Object>> before = repositories.computeIfAbsent(registry, x -> new HashMap<>());
                Set<String> recorded = layers.computeIfAbsent(registry, x -> new HashSet<>());
                registry.repositories.values().forEach(repo -> {
                    before.put(repo.name, fingerprint(repo));
                    repo.layers.keySet().forEach(d -> recorded.add(repo.name + "@" + d));
                });
                registries.put(registry, RegistryRecord.fingerprint(registry));
                configs.put(registry, new HashMap<>(configsOf(registry)));
            });
        } finally {
            ecr.lock.unlock();
        }
    }

    /**
     * An upload in progress from its record: its file cut back to the size recorded (bytes past it were never
     * acknowledged), or, from a record of an older version, written from its part records. Null when its bytes are
     * gone.
     */
    private static Upload restoreUpload(LayerStore store, UploadRecord u, java.util.TreeMap<Integer, byte[]> parts) {
        if (u.size() != null) {
            java.nio.file.Path file = store.uploadFile(u.uploadId(), false);
            if (!store.truncate(file, u.size())) {
                return null;
            }
            Upload upload = new Upload(u.uploadId(), file, u.size());
            upload.parts = u.parts() == null ? 0 : u.parts();
            upload.lastPartSize = u.lastPartSize() == null ? 0 : u.lastPartSize();
            upload.smallPart = Boolean.TRUE.equals(u.smallPart());
            return upload;
        }
        Upload upload = new Upload(u.uploadId(), store.uploadFile(u.uploadId(), true), 0);
        // Parts were journaled in order, each once its request was accepted: they run 0, 1, 2 ...
        try {
            for (int i = 0; parts.containsKey(i); i++) {
                upload.size += store.append(upload.file, upload.size, new java.io.ByteArrayInputStream(parts.get(i)));
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return upload;
    }

    private void restore(Registry registry, RepositoryRecord s) {
        Repository repo = ecr.newRepository(s.name(), registry.account, registry.region, s.createdAt());
        repo.catalog = s.catalog();
        repo.imageTagMutability = s.imageTagMutability();
        repo.scanOnPush = s.scanOnPush();
        repo.encryptionType = s.encryptionType();
        repo.kmsKey = s.kmsKey();
        repo.policyText = s.policyText();
        repo.lifecyclePolicyText = s.lifecyclePolicyText();
        repo.lifecycleEvaluatedAt = s.lifecycleEvaluatedAt();
        for (ImageRecord i : s.images()) {
            Image image = new Image(i.digest(), i.manifest(), i.mediaType(), i.artifactMediaType(), i.size(),
                    i.pushedAt());
            image.tags.addAll(i.tags());
            if (i.taggedAt() != null) {
                image.taggedAt.putAll(i.taggedAt());
            }
            repo.images.put(i.digest(), image);
        }
        if (s.tags() != null) {
            repo.tags.putAll(s.tags());
        }
        repo.tags.attach(ecr.context.registry(), registry.account, registry.region, ecr.api, repo.name, repo.arn);
        registry.repositories.put(repo.name, repo);
    }
}
