package io.gureum.logs;

import java.util.List;

/** A saved Logs Insights query (PutQueryDefinition). */
record StoredQueryDefinition(String queryDefinitionId, String name, String queryString, List<String> logGroupNames,
        String queryLanguage, long lastModified) {
}
