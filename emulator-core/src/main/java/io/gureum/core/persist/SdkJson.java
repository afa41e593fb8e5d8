package io.gureum.core.persist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import io.gureum.core.protocol.JsonValues;
import io.gureum.core.protocol.Pojos;
import java.io.IOException;
import java.io.UncheckedIOException;
import software.amazon.awssdk.core.SdkPojo;

/**
 * SDK model objects a service keeps as they came (an S3 bucket's CORS rules, lifecycle or notification
 * configuration) as JSON for its records, through the same member tables the JSON protocols use.
 */
public final class SdkJson {
    private SdkJson() {
    }

    /** The object's members as JSON; null for null. */
    public static JsonNode toJson(Object sdkPojo) {
        if (sdkPojo == null) {
            return null;
        }
        try (TokenBuffer buffer = new TokenBuffer(StateRecord.JSON, false)) {
            JsonValues.writeStruct(buffer, sdkPojo, false);
            return StateRecord.JSON.readTree(buffer.asParser());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An object of {@code type} from {@link #toJson}'s output; null for null. */
    public static <T> T fromJson(JsonNode json, Class<T> type) {
        if (json == null || json.isNull()) {
            return null;
        }
        SdkPojo builder = Pojos.builderSupplier(type).get();
        JsonValues.readStruct(json, builder, true);
        return type.cast(Pojos.build(builder));
    }
}
