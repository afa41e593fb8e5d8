package io.gureum.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.core.persist.SdkJson;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.lambda.model.CapacityProvider;

/** A capacity provider's record for {@code --data-dir}: the API's structure as JSON, its creation time, its tags. */
record CapacityProviderRecord(JsonNode config, String created, Map<String, String> tags) {

    static CapacityProviderRecord of(CapacityProviderEntry e, Map<String, String> tags) {
        return new CapacityProviderRecord(SdkJson.toJson(e.config()), e.created().toString(), Map.copyOf(tags));
    }

    CapacityProviderEntry toEntry() {
        return new CapacityProviderEntry(SdkJson.fromJson(config, CapacityProvider.class), Instant.parse(created));
    }
}
