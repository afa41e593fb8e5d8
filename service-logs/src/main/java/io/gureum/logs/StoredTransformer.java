package io.gureum.logs;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gureum.core.protocol.JsonValues;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetTransformerResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.Processor;

/**
 * A log group's transformer (PutTransformer): its processors and when it was created and last modified. Recorded
 * as {@code transformerConfig} in the wire JSON, so that a restart reads back the same processors.
 */
record StoredTransformer(String transformerConfig, long creationTime, long lastModifiedTime) {
    private static final ObjectMapper JSON = new ObjectMapper();

    static StoredTransformer of(List<Processor> processors, long creationTime, long lastModifiedTime) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.getFactory().createGenerator(out)) {
            JsonValues.writeStruct(g, GetTransformerResponse.builder().transformerConfig(processors).build(), true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new StoredTransformer(out.toString(), creationTime, lastModifiedTime);
    }

    /** Parsed configurations by their JSON, so that ingestion does not parse one per event. */
    private static final java.util.Map<String, List<Processor>> PARSED =
            java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    List<Processor> processors() {
        return PARSED.computeIfAbsent(transformerConfig, StoredTransformer::parse);
    }

    private static List<Processor> parse(String transformerConfig) {
        GetTransformerResponse.Builder b = GetTransformerResponse.builder();
        try {
            JsonValues.readStruct(JSON.readTree(transformerConfig), (SdkPojo) b, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return b.build().transformerConfig();
    }
}
