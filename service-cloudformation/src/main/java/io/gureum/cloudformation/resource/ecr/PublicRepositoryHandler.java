package io.gureum.cloudformation.resource.ecr;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Served;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.ecrpublic.EcrPublicClient;
import software.amazon.awssdk.services.ecrpublic.model.RepositoryCatalogDataInput;
import software.amazon.awssdk.services.ecrpublic.model.RepositoryNotFoundException;
import software.amazon.awssdk.services.ecrpublic.model.RepositoryPolicyNotFoundException;
import software.amazon.awssdk.services.ecrpublic.model.Tag;

/**
 * {@code AWS::ECR::PublicRepository}, through ECR Public's in-process client. {@code Ref} is the repository name;
 * {@code Fn::GetAtt} gives {@code Arn}. {@code RepositoryName} replaces it; the catalog data (its
 * {@code RepositoryDescription}, {@code Architectures}, {@code OperatingSystems}, {@code AboutText},
 * {@code UsageText}), the repository policy and tags change in place. Without a name AWS generates a lower-case
 * one. A repository that still holds images fails to delete, as on AWS (the type has no EmptyOnDelete). ECR
 * Public answers only in us-east-1, so in another region the resource fails with its UnsupportedCommandException.
 */
public final class PublicRepositoryHandler implements ResourceHandler {
    private static final Set<String> SERVED = Set.of("RepositoryName", "RepositoryPolicyText",
            "RepositoryCatalogData", "Tags");

    @Override
    public String type() {
        return "AWS::ECR::PublicRepository";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("RepositoryName");
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        // ECR Public's RepositoryName is at most 205 characters.
        String name = r.has("RepositoryName") ? r.text("RepositoryName") : r.generatedLowerCaseName(205);
        List<Tag> tags = new ArrayList<>();
        r.tagsWithTemplate("Tags").forEach((k, v) -> tags.add(Tag.builder().key(k).value(v).build()));
        EcrPublicClient ecr = r.client(EcrPublicClient.class);
        RepositoryCatalogDataInput catalog = catalog(r);
        String arn = ecr.createRepository(b -> b.repositoryName(name).catalogData(catalog).tags(tags)).repository()
                .repositoryArn();
        applyPolicy(r, ecr, name);
        return Created.of(name).attribute("Arn", arn);
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        String name = r.physicalId();
        EcrPublicClient ecr = r.client(EcrPublicClient.class);
        Set<String> changed = r.changedProperties();
        if (changed.contains("RepositoryCatalogData")) {
            RepositoryCatalogDataInput catalog = catalog(r);
            ecr.putRepositoryCatalogData(b -> b.repositoryName(name).catalogData(catalog != null ? catalog
                    : RepositoryCatalogDataInput.builder().build()));
        }
        if (changed.contains("RepositoryPolicyText") && !r.has("RepositoryPolicyText")) {
            try {
                ecr.deleteRepositoryPolicy(b -> b.repositoryName(name));
            } catch (RepositoryPolicyNotFoundException gone) {
                // Nothing to remove.
            }
        }
        applyPolicy(r, ecr, name);
        String arn = ecr.describeRepositories(b -> b.repositoryNames(name)).repositories().get(0).repositoryArn();
        if (changed.contains("Tags")) {
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
        return Created.of(name).attribute("Arn", arn);
    }

    @Override
    public void delete(ResourceRequest r) {
        try {
            r.client(EcrPublicClient.class).deleteRepository(b -> b.repositoryName(r.physicalId()));
        } catch (RepositoryNotFoundException gone) {
            // Already deleted.
        }
    }

    /** The template's RepositoryCatalogData as the API's input, or null when it gives none. */
    private static RepositoryCatalogDataInput catalog(ResourceRequest r) {
        JsonNode c = r.property("RepositoryCatalogData");
        if (c == null || c.isNull()) {
            return null;
        }
        return RepositoryCatalogDataInput.builder().description(c.path("RepositoryDescription").asText(null))
                .architectures(strings(c.get("Architectures"))).operatingSystems(strings(c.get("OperatingSystems")))
                .aboutText(c.path("AboutText").asText(null)).usageText(c.path("UsageText").asText(null)).build();
    }

    private static List<String> strings(JsonNode list) {
        if (list == null || !list.isArray()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        list.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** The repository policy the template gives, a JSON object or its text. */
    private static void applyPolicy(ResourceRequest r, EcrPublicClient ecr, String name) {
        JsonNode policy = r.property("RepositoryPolicyText");
        if (policy != null && !policy.isNull()) {
            String text = policy.isTextual() ? policy.asText() : policy.toString();
            ecr.setRepositoryPolicy(b -> b.repositoryName(name).policyText(text));
        }
    }
}
