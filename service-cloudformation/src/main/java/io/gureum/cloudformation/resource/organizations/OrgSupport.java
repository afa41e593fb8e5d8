package io.gureum.cloudformation.resource.organizations;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.cloudformation.resource.ResourceRequest;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.OrganizationsException;
import software.amazon.awssdk.services.organizations.model.Tag;

/** What the Organizations handlers share: the client, tags, not-found tolerance. */
final class OrgSupport {
    private OrgSupport() {
    }

    /**
     * The organization path of an OU or account ({@code o-…/r-…/ou-…/<id>/}), as the {@code Path} and {@code Paths}
     * attributes give it: the organization's id, then each parent from the root down, then the id, each followed by
     * a slash.
     */
    static String path(OrganizationsClient orgs, String id) {
        java.util.Deque<String> chain = new java.util.ArrayDeque<>();
        chain.push(id);
        for (int depth = 0; depth < 10; depth++) {
            var parent = orgs.listParents(b -> b.childId(chain.peek())).parents().get(0);
            chain.push(parent.id());
            if ("ROOT".equals(parent.typeAsString())) {
                break;
            }
        }
        StringBuilder out = new StringBuilder(orgs.describeOrganization().organization().id()).append('/');
        chain.forEach(x -> out.append(x).append('/'));
        return out.toString();
    }

    static OrganizationsClient orgs(ResourceRequest r) {
        return r.client(OrganizationsClient.class);
    }

    /**
     * The tags of an Organizations resource: the stack's own tags, then the template's. Organizations refuses
     * keys with the {@code aws:} prefix, so the {@code aws:cloudformation:*} tags are not applied.
     */
    static List<Tag> tags(ResourceRequest r) {
        List<Tag> out = new ArrayList<>();
        r.stackTagsWithTemplate().forEach((k, v) -> out.add(Tag.builder().key(k).value(v).build()));
        return out;
    }

    /** On update, when {@code Tags} changed: untags the keys gone and tags the others. */
    static void retag(ResourceRequest r, String resourceId) {
        if (!r.changedProperties().contains("Tags")) {
            return;
        }
        OrganizationsClient orgs = orgs(r);
        List<Tag> now = tags(r);
        List<String> keys = now.stream().map(Tag::key).toList();
        List<String> removed = orgs.listTagsForResource(b -> b.resourceId(resourceId)).tags().stream()
                .map(Tag::key).filter(k -> !keys.contains(k)).toList();
        if (!removed.isEmpty()) {
            orgs.untagResource(b -> b.resourceId(resourceId).tagKeys(removed));
        }
        if (!now.isEmpty()) {
            orgs.tagResource(b -> b.resourceId(resourceId).tags(now));
        }
    }

    /** Whether an Organizations error says the resource (or the organization) is gone. */
    static boolean notFound(OrganizationsException e) {
        String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
        return code.endsWith("NotFoundException") || code.equals("AWSOrganizationsNotInUseException");
    }

    /** Runs a delete call; a resource already gone counts as deleted. */
    static void deleting(Runnable call) {
        try {
            call.run();
        } catch (OrganizationsException e) {
            if (!notFound(e)) {
                throw e;
            }
        }
    }

    static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node != null && node.isArray()) {
            node.forEach(v -> out.add(v.asText()));
        }
        return out;
    }

    /** A policy document property as Organizations takes it: JSON written as an object is sent as its text. */
    static String document(JsonNode doc) {
        return doc == null ? null : doc.isTextual() ? doc.asText() : doc.toString();
    }
}
