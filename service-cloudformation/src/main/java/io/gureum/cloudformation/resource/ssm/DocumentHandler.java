package io.gureum.cloudformation.resource.ssm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceFailure;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Served;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.CreateDocumentRequest;
import software.amazon.awssdk.services.ssm.model.DocumentRequires;
import software.amazon.awssdk.services.ssm.model.InvalidDocumentException;
import software.amazon.awssdk.services.ssm.model.ResourceTypeForTagging;
import software.amazon.awssdk.services.ssm.model.Tag;

/**
 * {@code AWS::SSM::Document}. {@code Ref} is the document name; there are no attributes. {@code Content} is
 * an object (or a string) written as the {@code DocumentFormat} says (JSON by default). With
 * {@code UpdateMethod} {@code Replace} (the default) any change but {@code Tags} replaces the document; with
 * {@code NewVersion} a change of Content, TargetType, VersionName or DocumentFormat makes a new version
 * (UpdateDocument) that becomes the default one, while Name, DocumentType, Requires and Attachments still
 * replace it. A generated name is {@code <stack>-<logicalId>-<suffix>}, without the stack name when that
 * begins with a prefix SSM reserves. {@code Attachments} are not served (they are fetched from S3 or URLs).
 */
public final class DocumentHandler implements ResourceHandler {
    private static final Set<String> SERVED = Set.of("Content", "DocumentFormat", "DocumentType", "Name", "Requires",
            "Tags", "TargetType", "UpdateMethod", "VersionName");
    private static final Set<String> NEW_VERSION = Set.of("Content", "TargetType", "VersionName", "DocumentFormat",
            "UpdateMethod", "Tags");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER));

    @Override
    public String type() {
        return "AWS::SSM::Document";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("Name", "DocumentType", "Requires", "Attachments");
    }

    @Override
    public boolean requiresReplacement(ResourceRequest r) {
        Set<String> changed = r.changedProperties();
        if ("NewVersion".equals(r.text("UpdateMethod"))) {
            return changed.stream().anyMatch(p -> !NEW_VERSION.contains(p));
        }
        return changed.stream().anyMatch(p -> !p.equals("Tags") && !p.equals("UpdateMethod"));
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        String name = r.has("Name") ? r.text("Name") : generatedName(r);
        List<DocumentRequires> requires = new ArrayList<>();
        JsonNode given = r.property("Requires");
        if (given != null && given.isArray()) {
            given.forEach(q -> requires.add(DocumentRequires.builder().name(q.path("Name").asText(null))
                    .version(q.path("Version").asText(null)).build()));
        }
        r.client(SsmClient.class).createDocument(CreateDocumentRequest.builder().name(name).content(content(r))
                .documentFormat(format(r)).documentType(r.text("DocumentType")).targetType(r.text("TargetType"))
                .versionName(r.text("VersionName")).requires(requires.isEmpty() ? null : requires).tags(tags(r))
                .build());
        return Created.of(name);
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        String name = r.physicalId();
        SsmClient ssm = r.client(SsmClient.class);
        Set<String> changed = new java.util.HashSet<>(r.changedProperties());
        changed.removeAll(Set.of("Tags", "UpdateMethod"));
        if (!changed.isEmpty()) {
            String version = ssm.updateDocument(b -> b.name(name).content(content(r)).documentFormat(format(r))
                    .targetType(r.text("TargetType")).versionName(r.text("VersionName")).documentVersion("$LATEST"))
                    .documentDescription().documentVersion();
            ssm.updateDocumentDefaultVersion(b -> b.name(name).documentVersion(version));
        }
        if (r.changedProperties().contains("Tags")) {
            List<String> old = ssm.listTagsForResource(b -> b.resourceType(ResourceTypeForTagging.DOCUMENT)
                    .resourceId(name)).tagList().stream().map(Tag::key).toList();
            Map<String, String> now = r.tagsWithTemplate("Tags");
            List<String> removed = old.stream().filter(k -> !now.containsKey(k)).toList();
            if (!removed.isEmpty()) {
                ssm.removeTagsFromResource(b -> b.resourceType(ResourceTypeForTagging.DOCUMENT).resourceId(name)
                        .tagKeys(removed));
            }
            ssm.addTagsToResource(b -> b.resourceType(ResourceTypeForTagging.DOCUMENT).resourceId(name)
                    .tags(tags(r)));
        }
        return Created.of(name);
    }

    @Override
    public void delete(ResourceRequest r) {
        try {
            r.client(SsmClient.class).deleteDocument(b -> b.name(r.physicalId()));
        } catch (InvalidDocumentException gone) {
            // Already deleted.
        }
    }

    private static String generatedName(ResourceRequest r) {
        String stack = r.stack().stackName().toLowerCase(Locale.ROOT);
        if (stack.startsWith("aws") || stack.startsWith("amazon") || stack.startsWith("amzn")) {
            return r.logicalId() + "-" + r.nameSuffix();
        }
        return r.generatedName(128);
    }

    private static String format(ResourceRequest r) {
        return r.has("DocumentFormat") ? r.text("DocumentFormat") : "JSON";
    }

    /** The Content property as text in the document's format. */
    private static String content(ResourceRequest r) {
        JsonNode content = r.property("Content");
        if (content == null) {
            throw new ResourceFailure("Properties validation failed for resource " + r.logicalId()
                    + " with message: #: required key [Content] not found");
        }
        if (content.isTextual()) {
            return content.asText();
        }
        try {
            return "YAML".equals(format(r)) ? YAML.writeValueAsString(content) : JSON.writeValueAsString(content);
        } catch (JsonProcessingException e) {
            throw new ResourceFailure("Content of " + r.logicalId() + " cannot be written: " + e.getMessage());
        }
    }

    private static List<Tag> tags(ResourceRequest r) {
        List<Tag> tags = new ArrayList<>();
        r.tagsWithTemplate("Tags").forEach((k, v) -> tags.add(Tag.builder().key(k).value(v).build()));
        return tags;
    }
}
