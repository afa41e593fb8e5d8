package io.gureum.lambda;

import io.gureum.core.ids.Arn;
import io.gureum.core.spi.ServiceContext;
import io.gureum.core.state.RegisteredResource;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.lambda.model.ListTagsRequest;
import software.amazon.awssdk.services.lambda.model.ListTagsResponse;
import software.amazon.awssdk.services.lambda.model.TagResourceRequest;
import software.amazon.awssdk.services.lambda.model.TagResourceResponse;
import software.amazon.awssdk.services.lambda.model.UntagResourceRequest;
import software.amazon.awssdk.services.lambda.model.UntagResourceResponse;

/**
 * Provider of TagResource, UntagResource and ListTags for functions (unqualified ARNs) and event source
 * mappings; the tags live in core's resource registry.
 */
final class Tags {
    private final ServiceContext context;

    Tags(ServiceContext context) {
        this.context = context;
    }

    public TagResourceResponse tagResource(TagResourceRequest request) {
        Arn arn = taggable(request.resource());
        if (!request.hasTags() || request.tags().isEmpty()) {
            throw LambdaErrors.invalidParameter("An error occurred and the request cannot be processed.");
        }
        context.registry().tag(arn, request.tags());
        return TagResourceResponse.builder().build();
    }

    public UntagResourceResponse untagResource(UntagResourceRequest request) {
        Arn arn = taggable(request.resource());
        context.registry().untag(arn, request.hasTagKeys() ? request.tagKeys() : List.of());
        return UntagResourceResponse.builder().build();
    }

    public ListTagsResponse listTags(ListTagsRequest request) {
        return ListTagsResponse.builder().tags(context.registry().tags(taggable(request.resource()))).build();
    }

    /** A function (unqualified), code signing config, event source mapping or capacity provider ARN the registry knows. */
    private Arn taggable(String resource) {
        Arn arn;
        try {
            arn = Arn.parse(resource);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw LambdaErrors.validation(resource, "resource",
                    "Member must satisfy regular expression pattern: arn:(aws[a-zA-Z-]*):lambda:[a-z]{2}((-gov)|"
                            + "(-iso([a-z]?)))?-[a-z]+-\\d{1}:\\d{12}:(function:[a-zA-Z0-9-_]+(:(\\$LATEST|"
                            + "[a-zA-Z0-9-_]+))?|code-signing-config:csc-[a-z0-9]{17}|event-source-mapping:"
                            + "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|"
                            + "capacity-provider:[a-zA-Z0-9-_]+)");
        }
        Optional<RegisteredResource> found = context.registry().byArn(arn);
        if (found.isEmpty() || !found.get().service().equals("lambda")) {
            throw arn.resourceType().equals("function") ? LambdaErrors.functionNotFound(resource)
                    : LambdaErrors.notFound("The resource you requested does not exist.");
        }
        return arn;
    }
}
