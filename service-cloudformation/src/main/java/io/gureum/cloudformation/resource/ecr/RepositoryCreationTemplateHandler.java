package io.gureum.cloudformation.resource.ecr;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Served;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.EncryptionConfigurationForRepositoryCreationTemplate;
import software.amazon.awssdk.services.ecr.model.ImageTagMutabilityExclusionFilter;
import software.amazon.awssdk.services.ecr.model.RepositoryCreationTemplate;
import software.amazon.awssdk.services.ecr.model.Tag;
import software.amazon.awssdk.services.ecr.model.TemplateNotFoundException;

/**
 * {@code AWS::ECR::RepositoryCreationTemplate}. {@code Ref} is the prefix; {@code Fn::GetAtt} gives
 * {@code CreatedAt} and {@code UpdatedAt}. A new {@code Prefix} replaces the template; every other property
 * changes in place (UpdateRepositoryCreationTemplate, a removed one cleared). {@code ResourceTags} are the tags
 * the template gives the repositories it shapes, not the template's own (it has none).
 */
public final class RepositoryCreationTemplateHandler implements ResourceHandler {
    private static final Set<String> SERVED = Set.of("AppliedFor", "CustomRoleArn", "Description",
            "EncryptionConfiguration", "ImageTagMutability", "ImageTagMutabilityExclusionFilters", "LifecyclePolicy",
            "Prefix", "RepositoryPolicy", "ResourceTags");

    @Override
    public String type() {
        return "AWS::ECR::RepositoryCreationTemplate";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("Prefix");
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        String prefix = r.requiredText("Prefix");
        RepositoryCreationTemplate t = r.client(EcrClient.class).createRepositoryCreationTemplate(b -> b
                .prefix(prefix).appliedForWithStrings(strings(r.property("AppliedFor")))
                .description(r.text("Description")).encryptionConfiguration(encryption(r))
                .resourceTags(tags(r)).imageTagMutability(r.text("ImageTagMutability"))
                .imageTagMutabilityExclusionFilters(filters(r)).repositoryPolicy(document(r, "RepositoryPolicy"))
                .lifecyclePolicy(document(r, "LifecyclePolicy")).customRoleArn(r.text("CustomRoleArn")))
                .repositoryCreationTemplate();
        return result(t);
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        String prefix = r.physicalId();
        // Every property is sent: a removed one is cleared (empty) or back to its default.
        RepositoryCreationTemplate t = r.client(EcrClient.class).updateRepositoryCreationTemplate(b -> b
                .prefix(prefix).appliedForWithStrings(strings(r.property("AppliedFor")))
                .description(orEmpty(r.text("Description")))
                .encryptionConfiguration(r.has("EncryptionConfiguration") ? encryption(r)
                        : EncryptionConfigurationForRepositoryCreationTemplate.builder().encryptionType("AES256")
                                .build())
                .resourceTags(tags(r))
                .imageTagMutability(r.has("ImageTagMutability") ? r.text("ImageTagMutability") : "MUTABLE")
                .imageTagMutabilityExclusionFilters(filters(r))
                .repositoryPolicy(orEmpty(document(r, "RepositoryPolicy")))
                .lifecyclePolicy(orEmpty(document(r, "LifecyclePolicy")))
                .customRoleArn(orEmpty(r.text("CustomRoleArn")))).repositoryCreationTemplate();
        return result(t);
    }

    @Override
    public void delete(ResourceRequest r) {
        try {
            r.client(EcrClient.class).deleteRepositoryCreationTemplate(b -> b.prefix(r.physicalId()));
        } catch (TemplateNotFoundException gone) {
            // Already deleted.
        }
    }

    private static Created result(RepositoryCreationTemplate t) {
        return Created.of(t.prefix()).attribute("CreatedAt", t.createdAt().toString())
                .attribute("UpdatedAt", t.updatedAt().toString());
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    /** A policy given as a JSON string or (as templates often do) as an object. */
    private static String document(ResourceRequest r, String name) {
        JsonNode v = r.property(name);
        return v == null ? null : v.isTextual() ? v.asText() : v.toString();
    }

    private static List<String> strings(JsonNode list) {
        List<String> out = new ArrayList<>();
        if (list != null) {
            list.forEach(n -> out.add(n.asText()));
        }
        return out;
    }

    private static EncryptionConfigurationForRepositoryCreationTemplate encryption(ResourceRequest r) {
        JsonNode e = r.property("EncryptionConfiguration");
        return e == null ? null : EncryptionConfigurationForRepositoryCreationTemplate.builder()
                .encryptionType(e.path("EncryptionType").asText()).kmsKey(e.path("KmsKey").asText(null)).build();
    }

    private static List<Tag> tags(ResourceRequest r) {
        List<Tag> tags = new ArrayList<>();
        JsonNode list = r.property("ResourceTags");
        if (list != null) {
            list.forEach(t -> tags.add(Tag.builder().key(t.path("Key").asText()).value(t.path("Value").asText())
                    .build()));
        }
        return tags;
    }

    private static List<ImageTagMutabilityExclusionFilter> filters(ResourceRequest r) {
        List<ImageTagMutabilityExclusionFilter> filters = new ArrayList<>();
        JsonNode list = r.property("ImageTagMutabilityExclusionFilters");
        if (list != null) {
            list.forEach(f -> filters.add(ImageTagMutabilityExclusionFilter.builder()
                    .filterType(f.path("ImageTagMutabilityExclusionFilterType").asText())
                    .filter(f.path("ImageTagMutabilityExclusionFilterValue").asText()).build()));
        }
        return filters;
    }
}
