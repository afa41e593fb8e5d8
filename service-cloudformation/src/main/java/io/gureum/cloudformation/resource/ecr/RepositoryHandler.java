package io.gureum.cloudformation.resource.ecr;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Drift;
import io.gureum.cloudformation.resource.common.Served;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.CreateRepositoryRequest;
import software.amazon.awssdk.services.ecr.model.EncryptionConfiguration;
import software.amazon.awssdk.services.ecr.model.LifecyclePolicyNotFoundException;
import software.amazon.awssdk.services.ecr.model.Repository;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;
import software.amazon.awssdk.services.ecr.model.RepositoryPolicyNotFoundException;
import software.amazon.awssdk.services.ecr.model.Tag;

/**
 * {@code AWS::ECR::Repository}. {@code Ref} is the repository name; {@code Fn::GetAtt} gives {@code Arn} and
 * {@code RepositoryUri}. {@code RepositoryName} and {@code EncryptionConfiguration} replace it; tag mutability,
 * scanning, the repository policy, the lifecycle policy and tags change in place. Without a name AWS generates a
 * lower-case one. A repository that still holds images fails to delete unless {@code EmptyOnDelete} is true
 * (AWS::ECR::Repository, EmptyOnDelete).
 */
public final class RepositoryHandler implements ResourceHandler {
    private static final Set<String> SERVED = Set.of("EmptyOnDelete", "EncryptionConfiguration",
            "ImageScanningConfiguration", "ImageTagMutability", "LifecyclePolicy", "RepositoryName",
            "RepositoryPolicyText", "Tags");

    @Override
    public String type() {
        return "AWS::ECR::Repository";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("RepositoryName", "EncryptionConfiguration");
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        String name = r.has("RepositoryName") ? r.text("RepositoryName") : r.generatedLowerCaseName(256);
        JsonNode encryption = r.property("EncryptionConfiguration");
        List<Tag> tags = new ArrayList<>();
        r.tagsWithTemplate("Tags").forEach((k, v) -> tags.add(Tag.builder().key(k).value(v).build()));
        EcrClient ecr = r.client(EcrClient.class);
        ecr.createRepository(CreateRepositoryRequest.builder().repositoryName(name)
                .imageTagMutability(r.text("ImageTagMutability"))
                .imageScanningConfiguration(s -> s.scanOnPush(scanOnPush(r)))
                .encryptionConfiguration(encryption == null ? null : EncryptionConfiguration.builder()
                        .encryptionType(encryption.path("EncryptionType").asText())
                        .kmsKey(encryption.path("KmsKey").asText(null)).build())
                .tags(tags).build());
        applyPolicies(r, ecr, name);
        return result(ecr, name);
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        String name = r.physicalId();
        EcrClient ecr = r.client(EcrClient.class);
        Set<String> changed = r.changedProperties();
        if (changed.contains("ImageTagMutability")) {
            ecr.putImageTagMutability(b -> b.repositoryName(name).imageTagMutability(
                    r.has("ImageTagMutability") ? r.text("ImageTagMutability") : "MUTABLE"));
        }
        if (changed.contains("ImageScanningConfiguration")) {
            ecr.putImageScanningConfiguration(b -> b.repositoryName(name)
                    .imageScanningConfiguration(s -> s.scanOnPush(scanOnPush(r))));
        }
        if (changed.contains("RepositoryPolicyText") && !r.has("RepositoryPolicyText")) {
            try {
                ecr.deleteRepositoryPolicy(b -> b.repositoryName(name));
            } catch (RepositoryPolicyNotFoundException gone) {
                // Nothing to remove.
            }
        }
        if (changed.contains("LifecyclePolicy") && r.property("LifecyclePolicy") == null) {
            try {
                ecr.deleteLifecyclePolicy(b -> b.repositoryName(name));
            } catch (LifecyclePolicyNotFoundException gone) {
                // Nothing to remove.
            }
        }
        applyPolicies(r, ecr, name);
        if (changed.contains("Tags")) {
            String arn = ecr.describeRepositories(b -> b.repositoryNames(name)).repositories().get(0).repositoryArn();
            Map<String, String> now = r.tagsWithTemplate("Tags");
            List<String> removed = ecr.listTagsForResource(b -> b.resourceArn(arn)).tags().stream().map(Tag::key)
                    .filter(k -> !now.containsKey(k)).toList();
            if (!removed.isEmpty()) {
                ecr.untagResource(b -> b.resourceArn(arn).tagKeys(removed));
            }
            List<Tag> tags = new ArrayList<>();
            now.forEach((k, v) -> tags.add(Tag.builder().key(k).value(v).build()));
            if (!tags.isEmpty()) {
                ecr.tagResource(b -> b.resourceArn(arn).tags(tags));
            }
        }
        return result(ecr, name);
    }

    @Override
    public void delete(ResourceRequest r) {
        boolean force = Boolean.TRUE.equals(r.bool("EmptyOnDelete"));
        try {
            r.client(EcrClient.class).deleteRepository(b -> b.repositoryName(r.physicalId()).force(force));
        } catch (RepositoryNotFoundException gone) {
            // Already deleted.
        }
    }

    private static boolean scanOnPush(ResourceRequest r) {
        JsonNode s = r.property("ImageScanningConfiguration");
        return s != null && Boolean.parseBoolean(s.path("ScanOnPush").asText("false"));
    }

    /** The repository policy (a JSON object or its text) and the lifecycle policy the template gives. */
    private static void applyPolicies(ResourceRequest r, EcrClient ecr, String name) {
        JsonNode policy = r.property("RepositoryPolicyText");
        if (policy != null && !policy.isNull()) {
            String text = policy.isTextual() ? policy.asText() : policy.toString();
            ecr.setRepositoryPolicy(b -> b.repositoryName(name).policyText(text));
        }
        JsonNode lifecycle = r.property("LifecyclePolicy");
        if (lifecycle != null && lifecycle.hasNonNull("LifecyclePolicyText")) {
            ecr.putLifecyclePolicy(b -> b.repositoryName(name)
                    .lifecyclePolicyText(lifecycle.get("LifecyclePolicyText").asText()));
        }
    }

    private static Created result(EcrClient ecr, String name) {
        Repository repo = ecr.describeRepositories(b -> b.repositoryNames(name)).repositories().get(0);
        return Created.of(name).attribute("Arn", repo.repositoryArn()).attribute("RepositoryUri",
                repo.repositoryUri());
    }

    @Override
    public boolean readable() {
        return true;
    }

    @Override
    public JsonNode read(ResourceRequest r) {
        EcrClient ecr = r.client(EcrClient.class);
        Repository repo;
        try {
            repo = ecr.describeRepositories(b -> b.repositoryNames(r.physicalId())).repositories().get(0);
        } catch (RepositoryNotFoundException gone) {
            return null;
        }
        return new Drift(r).put("RepositoryName", repo.repositoryName())
                .put("ImageTagMutability", repo.imageTagMutabilityAsString()).result();
    }
}
