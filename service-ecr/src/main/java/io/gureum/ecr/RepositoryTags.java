package io.gureum.ecr;

import io.gureum.core.ids.Arn;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ecr.model.ListTagsForResourceRequest;
import software.amazon.awssdk.services.ecr.model.ListTagsForResourceResponse;
import software.amazon.awssdk.services.ecr.model.Tag;
import software.amazon.awssdk.services.ecr.model.TagResourceRequest;
import software.amazon.awssdk.services.ecr.model.TagResourceResponse;
import software.amazon.awssdk.services.ecr.model.UntagResourceRequest;
import software.amazon.awssdk.services.ecr.model.UntagResourceResponse;

/**
 * Tags of repositories, by repository ARN, kept in core's registry (the Tagging API sees them): at most 50 per
 * repository (TooManyTagsException), and keys beginning {@code aws:} are reserved (InvalidTagParameterException).
 */
final class RepositoryTags {
    static final int MAX = 50;

    private final EcrState state;

    RepositoryTags(EcrState state) {
        this.state = state;
    }

    public TagResourceResponse tagResource(TagResourceRequest r) {
        Repository repo = byArn(r.resourceArn());
        Map<String, String> next = new LinkedHashMap<>(repo.tags);
        r.tags().forEach(t -> next.put(t.key(), t.value()));
        check(r.tags(), next.size() - r.tags().size());
        r.tags().forEach(t -> repo.tags.put(t.key(), t.value()));
        return TagResourceResponse.builder().build();
    }

    public UntagResourceResponse untagResource(UntagResourceRequest r) {
        Repository repo = byArn(r.resourceArn());
        r.tagKeys().forEach(repo.tags::remove);
        return UntagResourceResponse.builder().build();
    }

    public ListTagsForResourceResponse listTagsForResource(ListTagsForResourceRequest r) {
        Repository repo = byArn(r.resourceArn());
        return ListTagsForResourceResponse.builder().tags(repo.tags.entrySet().stream()
                .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList()).build();
    }

    /** Refuses reserved keys and more than {@link #MAX} tags in all ({@code existing} beside {@code tags}). */
    static void check(List<Tag> tags, int existing) {
        for (Tag t : tags) {
            if (t.key() != null && t.key().toLowerCase(java.util.Locale.ROOT).startsWith("aws:")
                    && !fromCloudFormation(t.key())) {
                throw EcrErrors.invalidTag("Invalid parameter at 'tags' failed to satisfy constraint: 'Tag keys"
                        + " beginning with aws: are reserved for system use'");
            }
        }
        if (existing + tags.stream().map(Tag::key).distinct().count() > MAX) {
            throw EcrErrors.tooManyTags();
        }
    }

    /**
     * CloudFormation tags what a stack creates with {@code aws:cloudformation:*} (aws-properties-resource-tags.html):
     * allowed from an in-process call acting for a stack (its source ARN is the stack's), which no HTTP request is.
     */
    private static boolean fromCloudFormation(String key) {
        if (!key.startsWith("aws:cloudformation:")) {
            return false;
        }
        io.gureum.core.protocol.RequestContext ctx = io.gureum.core.protocol.RequestContext.currentOrNull();
        return ctx != null && ctx.inProcess() && ctx.sourceArn() != null
                && ctx.sourceArn().matches("arn:[^:]+:cloudformation:[^:]+:\\d{12}:stack/.+");
    }

    private Repository byArn(String text) {
        Arn arn;
        try {
            arn = Arn.parse(text);
        } catch (RuntimeException e) {
            arn = null;
        }
        if (arn == null || !"ecr".equals(arn.service()) || !arn.resource().startsWith("repository/")) {
            throw EcrErrors.invalidParameter("Invalid parameter at 'resourceArn' failed to satisfy constraint:"
                    + " 'Invalid ARN'");
        }
        return state.repository(arn.accountId(), arn.resource().substring("repository/".length()));
    }
}
