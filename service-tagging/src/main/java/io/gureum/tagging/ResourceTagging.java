package io.gureum.tagging;

import io.gureum.core.error.ModeledErrors;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.FailureInfo;
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.InvalidParameterException;
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.TagResourcesRequest;
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.TagResourcesResponse;
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.UntagResourcesRequest;
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.UntagResourcesResponse;

/**
 * {@code TagResources} and {@code UntagResources}: each ARN is tagged by its own service, and a resource
 * its service refuses is reported in {@code FailedResourcesMap} with that service's status, code and
 * message, while the others are tagged
 * (https://docs.aws.amazon.com/resourcegroupstagging/latest/APIReference/API_TagResources.html).
 */
final class ResourceTagging {
    private final ServiceTaggers taggers;

    ResourceTagging(ServiceTaggers taggers) {
        this.taggers = taggers;
    }

    public TagResourcesResponse tagResources(TagResourcesRequest r) {
        checkArns(r.resourceARNList());
        if (!r.hasTags() || r.tags().isEmpty() || r.tags().size() > 50) {
            throw invalid("Tags must contain between 1 and 50 tags.");
        }
        Map<String, FailureInfo> failed = each(r.resourceARNList(), arn -> taggers.tag(arn, r.tags()));
        return TagResourcesResponse.builder().failedResourcesMap(failed).build();
    }

    public UntagResourcesResponse untagResources(UntagResourcesRequest r) {
        checkArns(r.resourceARNList());
        if (!r.hasTagKeys() || r.tagKeys().isEmpty() || r.tagKeys().size() > 50) {
            throw invalid("TagKeys must contain between 1 and 50 keys.");
        }
        Map<String, FailureInfo> failed = each(r.resourceARNList(), arn -> taggers.untag(arn, r.tagKeys()));
        return UntagResourcesResponse.builder().failedResourcesMap(failed).build();
    }

    private static Map<String, FailureInfo> each(List<String> arns, Function<String, FailureInfo> apply) {
        Map<String, FailureInfo> failed = new LinkedHashMap<>();
        for (String arn : arns) {
            FailureInfo failure = apply.apply(arn);
            if (failure != null) {
                failed.put(arn, failure);
            }
        }
        return failed;
    }

    private static void checkArns(List<String> arns) {
        if (arns == null || arns.isEmpty() || arns.size() > 20) {
            throw invalid("ResourceARNList must contain between 1 and 20 ARNs.");
        }
    }

    private static InvalidParameterException invalid(String message) {
        return ModeledErrors.of(InvalidParameterException.class, message);
    }
}
