package io.gureum.logs;

import io.gureum.logs.transform.Transformer;
import io.gureum.logs.transform.TransformerRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.cloudwatchlogs.model.DeleteTransformerRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.DeleteTransformerResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetTransformerRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetTransformerResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.Processor;
import software.amazon.awssdk.services.cloudwatchlogs.model.PutTransformerRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.PutTransformerResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.TestTransformerRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.TestTransformerResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.TransformedLogRecord;

/**
 * Log transformers (API_PutTransformer.html, CloudWatch-Logs-Transformation.html): one per log group of the
 * Standard class, applied to the events ingested after it is put ({@link Ingestion}); TestTransformer runs a
 * configuration on given messages.
 */
final class Transformers {
    private final LogsStores stores;

    Transformers(LogsStores stores) {
        this.stores = stores;
    }

    public PutTransformerResponse putTransformer(PutTransformerRequest request) {
        LogGroup group = Identifiers.group(stores.current(), null, request.logGroupIdentifier());
        check(request.transformerConfig());
        // "You can create transformers only for the log groups in the Standard log class." (API_PutTransformer.html)
        if (!"STANDARD".equals(group.logGroupClass)) {
            throw LogsErrors.invalidParameter("Transformers can be created only for log groups in the Standard class.");
        }
        long now = stores.now();
        StoredTransformer old = group.transformer;
        group.transformer = StoredTransformer.of(request.transformerConfig(), old == null ? now : old.creationTime(),
                now);
        return PutTransformerResponse.builder().build();
    }

    public GetTransformerResponse getTransformer(GetTransformerRequest request) {
        LogGroup group = Identifiers.group(stores.current(), null, request.logGroupIdentifier());
        StoredTransformer t = found(group);
        return GetTransformerResponse.builder().logGroupIdentifier(group.logGroupArn()).creationTime(t.creationTime())
                .lastModifiedTime(t.lastModifiedTime()).transformerConfig(t.processors()).build();
    }

    public DeleteTransformerResponse deleteTransformer(DeleteTransformerRequest request) {
        LogGroup group = Identifiers.group(stores.current(), null, request.logGroupIdentifier());
        found(group);
        group.transformer = null;
        return DeleteTransformerResponse.builder().build();
    }

    /** Each message with what the processors make of it (the message itself when they cannot transform it). */
    public TestTransformerResponse testTransformer(TestTransformerRequest request) {
        check(request.transformerConfig());
        LogsStore store = stores.current();
        List<TransformedLogRecord> out = new ArrayList<>();
        long n = 0;
        for (String message : request.logEventMessages()) {
            String transformed = Transformer.apply(request.transformerConfig(), message,
                    Map.of("@accountId", store.account, "@regionName", store.region));
            out.add(TransformedLogRecord.builder().eventNumber(++n).eventMessage(message)
                    .transformedEventMessage(transformed == null ? message : transformed).build());
        }
        return TestTransformerResponse.builder().transformedLogs(out).build();
    }

    private static void check(List<Processor> processors) {
        try {
            TransformerRules.check(processors);
        } catch (IllegalArgumentException e) {
            throw LogsErrors.invalidParameter(e.getMessage());
        }
    }

    private static StoredTransformer found(LogGroup group) {
        StoredTransformer t = group.transformer;
        if (t == null) {
            throw LogsErrors.notFound("The specified log group does not have a transformer.");
        }
        return t;
    }
}
