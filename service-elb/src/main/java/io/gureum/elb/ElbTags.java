package io.gureum.elb;

import io.gureum.core.ids.Arn;
import io.gureum.core.protocol.RequestContext;
import io.gureum.core.state.ResourceRegistry;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DuplicateTagKeysException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TooManyTagsException;

/** Tags live in core's resource registry (ADR 0008), keyed by the resource's ARN. */
final class ElbTags {
    static final String SERVICE = "elasticloadbalancing";
    static final int MAX_TAGS = 50;
    private static final Pattern STACK_ARN = Pattern.compile("arn:[^:]+:cloudformation:[^:]+:\\d{12}:stack/.+");

    private ElbTags() {
    }

    /** The tags of a request, checked: unique keys ({@code DuplicateTagKeys}) and at most 50. */
    static Map<String, String> of(List<Tag> tags) {
        Map<String, String> m = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        for (Tag t : tags) {
            if (!seen.add(t.key())) {
                throw ElbErrors.of(DuplicateTagKeysException.class, "Tag key '" + t.key() + "' specified more than once");
            }
            if (t.key().startsWith("aws:") && !fromStack(t.key())) {
                throw ElbErrors.validation("Tag keys starting with 'aws:' are reserved for internal use");
            }
            m.put(t.key(), t.value() == null ? "" : t.value());
        }
        if (m.keySet().stream().filter(k -> !k.startsWith("aws:")).count() > MAX_TAGS) {
            throw ElbErrors.of(TooManyTagsException.class, "The quota for the number of tags that can be assigned to "
                    + "a resource has been reached");
        }
        return m;
    }

    /**
     * CloudFormation tags what a stack creates with {@code aws:cloudformation:*} keys: allowed only from an
     * in-process call acting for a stack (its source ARN is the stack's), never over HTTP.
     */
    private static boolean fromStack(String key) {
        RequestContext ctx = RequestContext.currentOrNull();
        return key.startsWith("aws:cloudformation:") && ctx != null && ctx.inProcess() && ctx.sourceArn() != null
                && STACK_ARN.matcher(ctx.sourceArn()).matches();
    }

    /** Registers a new resource with its tags. */
    static void register(ResourceRegistry registry, ElbState.Place place, String arn, Map<String, String> tags) {
        Arn a = Arn.parse(arn);
        registry.unregister(a);
        registry.register(place.account, place.region, SERVICE, a.resource(), a, tags);
    }

    static void unregister(ResourceRegistry registry, String arn) {
        registry.unregister(Arn.parse(arn));
    }

    static List<Tag> list(ResourceRegistry registry, String arn) {
        return registry.tags(Arn.parse(arn)).entrySet().stream()
                .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    }
}
