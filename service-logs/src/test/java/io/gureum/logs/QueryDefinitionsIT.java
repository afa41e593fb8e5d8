package io.gureum.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatchlogs.model.QueryDefinition;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

class QueryDefinitionsIT extends LogsTestSupport {

    @Test
    void putUpdateDescribeDelete() {
        String prefix = unique("defs");
        String id = logs.putQueryDefinition(b -> b.name(prefix + "/errors").queryString("filter level = 'ERROR'")
                .logGroupNames("/a", "/b")).queryDefinitionId();
        logs.putQueryDefinition(b -> b.name(prefix + "/all").queryString("fields @message"));
        List<QueryDefinition> defs = logs.describeQueryDefinitions(b -> b.queryDefinitionNamePrefix(prefix))
                .queryDefinitions();
        assertEquals(List.of(prefix + "/all", prefix + "/errors"), defs.stream().map(QueryDefinition::name).toList());
        QueryDefinition errors = defs.get(1);
        assertEquals(id, errors.queryDefinitionId());
        assertEquals(List.of("/a", "/b"), errors.logGroupNames());
        assertEquals("filter level = 'ERROR'", errors.queryString());
        assertEquals(now(), errors.lastModified(), 60_000);

        // An update keeps nothing that it does not repeat (API_PutQueryDefinition.html).
        assertEquals(id, logs.putQueryDefinition(b -> b.queryDefinitionId(id).name(prefix + "/errors2")
                .queryString("filter level = 'WARN'")).queryDefinitionId());
        QueryDefinition updated = logs.describeQueryDefinitions(b -> b.queryDefinitionNamePrefix(prefix + "/errors"))
                .queryDefinitions().get(0);
        assertEquals(prefix + "/errors2", updated.name());
        assertTrue(updated.logGroupNames().isEmpty());

        assertEquals(1, logs.describeQueryDefinitions(b -> b.queryDefinitionNamePrefix(prefix).maxResults(1))
                .queryDefinitions().size());
        assertTrue(logs.deleteQueryDefinition(b -> b.queryDefinitionId(id)).success());
        assertEquals(1, logs.describeQueryDefinitions(b -> b.queryDefinitionNamePrefix(prefix)).queryDefinitions().size());
    }

    @Test
    void errors() {
        assertError(ResourceNotFoundException.class, "ResourceNotFoundException", 400, null,
                () -> logs.deleteQueryDefinition(b -> b.queryDefinitionId("00000000-0000-0000-0000-000000000000")));
        assertError(ResourceNotFoundException.class, "ResourceNotFoundException", 400, null,
                () -> logs.putQueryDefinition(b -> b.queryDefinitionId("00000000-0000-0000-0000-000000000000")
                        .name("x").queryString("fields @message")));
    }
}
