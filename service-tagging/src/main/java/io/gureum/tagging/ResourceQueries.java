package io.gureum.tagging;

import io.gureum.core.error.ModeledErrors;
import io.gureum.core.protocol.RequestContext;
import io.gureum.core.state.RegisteredResource;
import io.gureum.core.state.ResourceRegistry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.GetResourcesRequest;
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.GetResourcesResponse;
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.GetTagKeysRequest;
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.GetTagKeysResponse;
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.GetTagValuesRequest;
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.GetTagValuesResponse;
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.InvalidParameterException;
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.ResourceTagMapping;
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.Tag;
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.TagFilter;

/**
 * {@code GetResources}, {@code GetTagKeys}, {@code GetTagValues}: what the registry knows of the caller's
 * account and region. Only resources that are or were tagged are listed
 * (https://docs.aws.amazon.com/resourcegroupstagging/latest/APIReference/API_GetResources.html).
 */
final class ResourceQueries {
    private static final int DEFAULT_PAGE = 100;
    private static final int KEYS_PAGE = 100;

    private final ResourceRegistry registry;

    ResourceQueries(ResourceRegistry registry) {
        this.registry = registry;
    }

    public GetResourcesResponse getResources(GetResourcesRequest r) {
        boolean byArn = r.hasResourceARNList();
        if (byArn && (r.hasTagFilters() || r.hasResourceTypeFilters())) {
            throw invalid("You can't specify both ResourceARNList and TagFilters or ResourceTypeFilters in the same request.");
        }
        if (byArn && (r.resourcesPerPage() != null || r.tagsPerPage() != null
                || (r.paginationToken() != null && !r.paginationToken().isEmpty()))) {
            throw invalid("You can't specify both ResourceARNList and pagination parameters in the same request.");
        }
        if (r.resourcesPerPage() != null && (r.resourcesPerPage() < 1 || r.resourcesPerPage() > 100)) {
            throw invalid("ResourcesPerPage must be between 1 and 100.");
        }
        if (r.tagsPerPage() != null && (r.tagsPerPage() < 100 || r.tagsPerPage() > 500)) {
            throw invalid("TagsPerPage must be between 100 and 500.");
        }
        if (r.hasTagFilters()) {
            for (TagFilter f : r.tagFilters()) {
                if (f.key() == null) {
                    throw invalid("Each TagFilter must contain a key.");
                }
            }
        }
        Set<String> arns = byArn ? new HashSet<>(r.resourceARNList()) : null;
        String start = PageTokens.start(r.paginationToken());
        int perPage = r.resourcesPerPage() != null ? r.resourcesPerPage() : DEFAULT_PAGE;
        List<ResourceTagMapping> page = new ArrayList<>();
        String next = "";
        for (RegisteredResource res : resources()) {
            String arn = res.arn().toString();
            if (start != null && arn.compareTo(start) < 0 || !res.everTagged()
                    || arns != null && !arns.contains(arn)
                    || !matchesTypes(res, r.resourceTypeFilters()) || !matchesTags(res.tags(), r.tagFilters())) {
                continue;
            }
            if (page.size() == perPage && !byArn) {
                next = PageTokens.next(arn);
                break;
            }
            page.add(ResourceTagMapping.builder().resourceARN(arn).tags(tags(res.tags())).build());
        }
        return GetResourcesResponse.builder().resourceTagMappingList(page).paginationToken(next).build();
    }

    public GetTagKeysResponse getTagKeys(GetTagKeysRequest r) {
        TreeSet<String> keys = new TreeSet<>();
        for (RegisteredResource res : resources()) {
            keys.addAll(res.tags().keySet());
        }
        List<String> page = new ArrayList<>();
        String next = page(keys, PageTokens.start(r.paginationToken()), page);
        return GetTagKeysResponse.builder().tagKeys(page).paginationToken(next).build();
    }

    public GetTagValuesResponse getTagValues(GetTagValuesRequest r) {
        if (r.key() == null) {
            throw invalid("Key is required.");
        }
        TreeSet<String> values = new TreeSet<>();
        for (RegisteredResource res : resources()) {
            String value = res.tags().get(r.key());
            if (value != null) {
                values.add(value);
            }
        }
        List<String> page = new ArrayList<>();
        String next = page(values, PageTokens.start(r.paginationToken()), page);
        return GetTagValuesResponse.builder().tagValues(page).paginationToken(next).build();
    }

    /** Fills {@code page} from {@code start}; returns the token of the next page, or "" at the end. */
    private static String page(TreeSet<String> sorted, String start, List<String> page) {
        for (String s : start == null ? sorted : sorted.tailSet(start, true)) {
            if (page.size() == KEYS_PAGE) {
                return PageTokens.next(s);
            }
            page.add(s);
        }
        return "";
    }

    private List<RegisteredResource> resources() {
        RequestContext ctx = RequestContext.current();
        List<RegisteredResource> list = new ArrayList<>(registry.list(ctx.accountId(), ctx.region()));
        list.sort((a, b) -> a.arn().toString().compareTo(b.arn().toString()));
        return list;
    }

    /** {@code service} matches every type of the service; {@code service:type} that type only. */
    private static boolean matchesTypes(RegisteredResource res, List<String> filters) {
        if (filters == null || filters.isEmpty()) {
            return true;
        }
        String type = res.type();
        for (String f : filters) {
            if (type.equals(f) || res.arn().service().equals(f)) {
                return true;
            }
        }
        return false;
    }

    /** Every filter must match: the key present, and its value among the filter's values if it has any. */
    private static boolean matchesTags(Map<String, String> tags, List<TagFilter> filters) {
        if (filters == null) {
            return true;
        }
        for (TagFilter f : filters) {
            String value = tags.get(f.key());
            if (value == null || f.hasValues() && !f.values().isEmpty() && !f.values().contains(value)) {
                return false;
            }
        }
        return true;
    }

    private static List<Tag> tags(Map<String, String> tags) {
        List<Tag> out = new ArrayList<>(tags.size());
        tags.forEach((k, v) -> out.add(Tag.builder().key(k).value(v).build()));
        return out;
    }

    private static InvalidParameterException invalid(String message) {
        return ModeledErrors.of(InvalidParameterException.class, message);
    }
}
