package io.gureum.ecr;

import io.gureum.core.ids.Arn;
import io.gureum.core.state.RegisteredTags;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** One repository with its settings, policies, images (by digest), layers and uploads in progress. */
final class Repository {
    final String name;
    final String registryId;
    final String region;
    final Arn arn;
    final Instant createdAt;
    String imageTagMutability = "MUTABLE";
    boolean scanOnPush;
    String encryptionType = "AES256";
    String kmsKey;
    String policyText;
    String lifecyclePolicyText;
    Instant lifecycleEvaluatedAt;
    LifecycleRules.Preview preview;
    final Map<String, Image> images = new LinkedHashMap<>();
    final Map<String, Layer> layers = new HashMap<>();
    final Map<String, Upload> uploads = new HashMap<>();
    final RegisteredTags tags = new RegisteredTags();

    /** An ECR Public repository's catalog data (null: none put); ECR's repositories have none. */
    PublicCatalog catalog;

    Repository(String name, String registryId, String region, Instant createdAt) {
        this(name, registryId, region, Arn.of("ecr", region, registryId, "repository/" + name), createdAt);
    }

    Repository(String name, String registryId, String region, Arn arn, Instant createdAt) {
        this.name = name;
        this.registryId = registryId;
        this.region = region;
        this.arn = arn;
        this.createdAt = createdAt;
    }

    /** {@code <registry>.dkr.ecr.<region>.amazonaws.com/<name>}, as AWS names it (docker clients address it so). */
    String uri() {
        return registryId + ".dkr.ecr." + region + ".amazonaws.com/" + name;
    }

    /** The image carrying {@code tag}, or null. */
    Image tagged(String tag) {
        return images.values().stream().filter(i -> i.tags.contains(tag)).findFirst().orElse(null);
    }
}
