package io.gureum.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.core.persist.SdkJson;
import java.util.Map;
import software.amazon.awssdk.services.lambda.model.CodeSigningConfig;

/** A code signing config's record for {@code --data-dir}: the API's structure as JSON, and its tags. */
record SigningConfigRecord(JsonNode config, Map<String, String> tags) {

    static SigningConfigRecord of(CodeSigningConfig c, Map<String, String> tags) {
        return new SigningConfigRecord(SdkJson.toJson(c), Map.copyOf(tags));
    }

    CodeSigningConfig toConfig() {
        return SdkJson.fromJson(config, CodeSigningConfig.class);
    }
}
