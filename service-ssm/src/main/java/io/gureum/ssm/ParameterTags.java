package io.gureum.ssm;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ssm.model.AddTagsToResourceRequest;
import software.amazon.awssdk.services.ssm.model.AddTagsToResourceResponse;
import software.amazon.awssdk.services.ssm.model.ListTagsForResourceRequest;
import software.amazon.awssdk.services.ssm.model.ListTagsForResourceResponse;
import software.amazon.awssdk.services.ssm.model.RemoveTagsFromResourceRequest;
import software.amazon.awssdk.services.ssm.model.RemoveTagsFromResourceResponse;
import software.amazon.awssdk.services.ssm.model.ResourceTypeForTagging;
import software.amazon.awssdk.services.ssm.model.Tag;

/**
 * Tags of parameters (ResourceType {@code Parameter}, ResourceId the parameter's name) and documents
 * (ResourceType {@code Document}, ResourceId the document's name), associations (ResourceType
 * {@code Association}, ResourceId the association ID), maintenance windows and patch baselines
 * ({@link MaintenanceTags}), kept in core's
 * registry so the Resource Groups Tagging API sees them; at most 50 per resource
 * (API_AddTagsToResource: TooManyTagsError). The other resource types are those of SSM operations
 * Gureum does not serve: InvalidResourceType.
 */
final class ParameterTags {
    static final int MAX = 50;

    private final Lookup lookup;
    private final SsmState state;

    private final Associations associations;

    ParameterTags(Lookup lookup, SsmState state, Associations associations) {
        this.lookup = lookup;
        this.state = state;
        this.associations = associations;
    }

    public AddTagsToResourceResponse addTagsToResource(AddTagsToResourceRequest r) {
        Map<String, String> tags = tagsOf(r.resourceType(), r.resourceId());
        Map<String, String> next = new LinkedHashMap<>(tags);
        for (Tag t : r.tags()) {
            next.put(t.key(), t.value());
        }
        if (next.size() > MAX) {
            throw SsmErrors.tooManyTags();
        }
        r.tags().forEach(t -> tags.put(t.key(), t.value()));
        touched(r.resourceType(), r.resourceId());
        return AddTagsToResourceResponse.builder().build();
    }

    public RemoveTagsFromResourceResponse removeTagsFromResource(RemoveTagsFromResourceRequest r) {
        Map<String, String> tags = tagsOf(r.resourceType(), r.resourceId());
        (r.hasTagKeys() ? r.tagKeys() : List.<String>of()).forEach(tags::remove);
        touched(r.resourceType(), r.resourceId());
        return RemoveTagsFromResourceResponse.builder().build();
    }

    public ListTagsForResourceResponse listTagsForResource(ListTagsForResourceRequest r) {
        Map<String, String> tags = tagsOf(r.resourceType(), r.resourceId());
        return ListTagsForResourceResponse.builder().tagList(tags.entrySet().stream()
                .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList()).build();
    }

    /** The tags of a parameter, or of one of the caller's documents (ResourceId its name). */
    private Map<String, String> tagsOf(ResourceTypeForTagging type, String id) {
        Map<String, String> maintenance = MaintenanceTags.tagsOf(state, type, id);
        if (maintenance != null) {
            return maintenance;
        }
        if (type == ResourceTypeForTagging.DOCUMENT) {
            StoredDocument d = state.current().documents.get(id);
            if (d == null) {
                throw SsmErrors.invalidResourceId();
            }
            return d.tags;
        }
        if (type == ResourceTypeForTagging.ASSOCIATION) {
            return associations.tagsOf(id);
        }
        return parameter(type, id).tags;
    }

    /** A document's tags changed: it is recorded again (SsmRecords). */
    private void touched(ResourceTypeForTagging type, String id) {
        MaintenanceTags.touched(state, type);
        if (type == ResourceTypeForTagging.DOCUMENT) {
            state.current().documents.get(id).revision++;
        }
    }

    private StoredParameter parameter(ResourceTypeForTagging type, String id) {
        if (type != ResourceTypeForTagging.PARAMETER) {
            throw SsmErrors.invalidResourceType();
        }
        try {
            return lookup.stored(id);
        } catch (software.amazon.awssdk.services.ssm.model.ParameterNotFoundException
                | software.amazon.awssdk.services.ssm.model.ValidationException e) {
            throw SsmErrors.invalidResourceId();
        }
    }
}
