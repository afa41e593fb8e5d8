package io.gureum.cloudformation.resource.logs;

import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Json;
import io.gureum.cloudformation.resource.common.Served;
import java.util.Set;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

/**
 * {@code AWS::Logs::QueryDefinition}: a saved Logs Insights query. {@code Ref} and {@code Fn::GetAtt
 * QueryDefinitionId} give the id Logs generates. Every property changes in place (PutQueryDefinition with the
 * id, which replaces the whole definition).
 */
public final class QueryDefinitionHandler implements ResourceHandler {
    private static final Set<String> SERVED = Set.of("LogGroupNames", "Name", "QueryLanguage", "QueryString");

    @Override
    public String type() {
        return "AWS::Logs::QueryDefinition";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of();
    }

    @Override
    public Created create(ResourceRequest r) {
        return put(r, null);
    }

    @Override
    public Created update(ResourceRequest r) {
        return put(r, r.physicalId());
    }

    private static Created put(ResourceRequest r, String id) {
        Served.check(r, SERVED);
        String saved = r.client(CloudWatchLogsClient.class).putQueryDefinition(b -> b.queryDefinitionId(id)
                .name(r.requiredText("Name")).queryString(r.requiredText("QueryString"))
                .logGroupNames(r.has("LogGroupNames") ? Json.strings(r.property("LogGroupNames")) : null)
                .queryLanguage(r.text("QueryLanguage"))).queryDefinitionId();
        return Created.of(saved).attribute("QueryDefinitionId", saved);
    }

    @Override
    public void delete(ResourceRequest r) {
        try {
            r.client(CloudWatchLogsClient.class).deleteQueryDefinition(b -> b.queryDefinitionId(r.physicalId()));
        } catch (ResourceNotFoundException gone) {
            // Already deleted.
        }
    }

    @Override
    public boolean readable() {
        return true;
    }

    @Override
    public com.fasterxml.jackson.databind.JsonNode read(ResourceRequest r) {
        var q = r.client(CloudWatchLogsClient.class).describeQueryDefinitions(b -> b.maxResults(1000))
                .queryDefinitions().stream().filter(x -> x.queryDefinitionId().equals(r.physicalId())).findFirst()
                .orElse(null);
        if (q == null) {
            return null;
        }
        var d = new io.gureum.cloudformation.resource.common.Drift(r).put("Name", q.name())
                .put("QueryString", q.queryString()).put("QueryLanguage", q.queryLanguageAsString());
        if (d.wants("LogGroupNames") && q.hasLogGroupNames() && !q.logGroupNames().isEmpty()) {
            var names = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
            q.logGroupNames().forEach(names::add);
            d.put("LogGroupNames", names);
        }
        return d.result();
    }
}
