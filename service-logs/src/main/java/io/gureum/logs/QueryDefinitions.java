package io.gureum.logs;

import io.gureum.core.ids.ResourceIds;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import software.amazon.awssdk.services.cloudwatchlogs.model.DeleteQueryDefinitionRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.DeleteQueryDefinitionResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeQueryDefinitionsRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeQueryDefinitionsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.PutQueryDefinitionRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.PutQueryDefinitionResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.QueryDefinition;

/**
 * Saved Logs Insights queries. An update replaces name, query string and log groups: "No current values are
 * retained from the current query definition." (API_PutQueryDefinition.html)
 */
final class QueryDefinitions {
    private final LogsStores stores;
    private final ResourceIds ids;

    QueryDefinitions(LogsStores stores, ResourceIds ids) {
        this.stores = stores;
        this.ids = ids;
    }

    public PutQueryDefinitionResponse putQueryDefinition(PutQueryDefinitionRequest request) {
        LogsStore store = stores.current();
        String id = request.queryDefinitionId();
        if (id != null && !store.queryDefinitions.containsKey(id)) {
            throw LogsErrors.notFound("Query definition does not exist: " + id);
        }
        if (id == null) {
            id = ids.requestId();
        }
        String language = request.queryLanguageAsString() == null ? Queries.LANGUAGE : request.queryLanguageAsString();
        store.queryDefinitions.put(id, new StoredQueryDefinition(id, request.name(), request.queryString(),
                request.hasLogGroupNames() ? List.copyOf(request.logGroupNames()) : List.of(), language, stores.now()));
        return PutQueryDefinitionResponse.builder().queryDefinitionId(id).build();
    }

    /** In name order, by {@code queryDefinitionNamePrefix} and {@code queryLanguage}; at most 1000 a page. */
    public DescribeQueryDefinitionsResponse describeQueryDefinitions(DescribeQueryDefinitionsRequest request) {
        List<StoredQueryDefinition> all = new ArrayList<>(stores.current().queryDefinitions.values());
        all.sort(Comparator.comparing(StoredQueryDefinition::name).thenComparing(StoredQueryDefinition::queryDefinitionId));
        String prefix = request.queryDefinitionNamePrefix();
        String language = request.queryLanguageAsString();
        all.removeIf(d -> (prefix != null && !d.name().startsWith(prefix))
                || (language != null && !language.equals(d.queryLanguage())));
        int from = 0;
        if (request.nextToken() != null) {
            try {
                from = Integer.parseInt(PageTokens.decode("definitions", request.nextToken()));
            } catch (NumberFormatException e) {
                throw LogsErrors.invalidToken();
            }
        }
        int max = request.maxResults() == null ? 1000 : request.maxResults();
        int to = Math.min(all.size(), from + max);
        List<QueryDefinition> out = new ArrayList<>();
        for (StoredQueryDefinition d : all.subList(Math.min(from, to), to)) {
            out.add(QueryDefinition.builder().queryDefinitionId(d.queryDefinitionId()).name(d.name())
                    .queryString(d.queryString()).logGroupNames(d.logGroupNames()).queryLanguage(d.queryLanguage())
                    .lastModified(d.lastModified()).build());
        }
        return DescribeQueryDefinitionsResponse.builder().queryDefinitions(out)
                .nextToken(to < all.size() ? PageTokens.encode("definitions", Integer.toString(to)) : null).build();
    }

    public DeleteQueryDefinitionResponse deleteQueryDefinition(DeleteQueryDefinitionRequest request) {
        if (stores.current().queryDefinitions.remove(request.queryDefinitionId()) == null) {
            throw LogsErrors.notFound("Query definition does not exist: " + request.queryDefinitionId());
        }
        return DeleteQueryDefinitionResponse.builder().success(true).build();
    }
}
