package io.gureum.cloudformation.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;

/**
 * A stack's resource as the engine last left it. Mutable under {@link CloudFormationState#lock}: the
 * status moves as handlers finish.
 */
public final class ResourceRecord {
    public final String logicalId;
    public String type;
    public String physicalId;
    public String status;
    public String statusReason;
    public Instant lastUpdated;
    /** The resolved properties of the last successful create or update. */
    public JsonNode properties;
    public Map<String, JsonNode> attributes = Map.of();
    public String nameSuffix;
    /** The template's definition (Type, Properties, DependsOn, DeletionPolicy, Metadata …). */
    public JsonNode definition;
    public String driftStatus;
    public Instant driftCheckedAt;
    public JsonNode actualProperties;

    public ResourceRecord(String logicalId, String type) {
        this.logicalId = logicalId;
        this.type = type;
    }

    public String deletionPolicy() {
        return definition == null ? "Delete" : definition.path("DeletionPolicy").asText("Delete");
    }

    public String updateReplacePolicy() {
        return definition == null ? "Delete" : definition.path("UpdateReplacePolicy").asText("Delete");
    }

    public String description() {
        return definition == null || !definition.has("Description") ? null : definition.get("Description").asText();
    }

    public String metadata() {
        return definition == null || !definition.has("Metadata") ? null : definition.get("Metadata").toString();
    }

    /** Whether the resource exists (created and not deleted). */
    public boolean exists() {
        return physicalId != null && !"DELETE_COMPLETE".equals(status);
    }
}
