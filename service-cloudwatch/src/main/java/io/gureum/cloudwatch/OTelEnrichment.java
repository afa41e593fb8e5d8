package io.gureum.cloudwatch;

import software.amazon.awssdk.services.cloudwatch.model.GetOTelEnrichmentRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetOTelEnrichmentResponse;
import software.amazon.awssdk.services.cloudwatch.model.OTelEnrichmentStatus;
import software.amazon.awssdk.services.cloudwatch.model.StartOTelEnrichmentRequest;
import software.amazon.awssdk.services.cloudwatch.model.StartOTelEnrichmentResponse;
import software.amazon.awssdk.services.cloudwatch.model.StopOTelEnrichmentRequest;
import software.amazon.awssdk.services.cloudwatch.model.StopOTelEnrichmentResponse;

/**
 * StartOTelEnrichment, StopOTelEnrichment and GetOTelEnrichment: the account's switch ({@code Stopped} until started),
 * kept per account and Region like the rest of CloudWatch. Only the switch is emulated: Gureum serves no PromQL
 * queries for enriched metrics to change, and the prerequisite (resource tags on telemetry, an Observability Admin
 * setting) cannot be set here, so it is not checked.
 */
final class OTelEnrichment {
    private final CloudWatchStores stores;

    OTelEnrichment(CloudWatchStores stores) {
        this.stores = stores;
    }

    public StartOTelEnrichmentResponse startOTelEnrichment(StartOTelEnrichmentRequest r) {
        set(true);
        return StartOTelEnrichmentResponse.builder().build();
    }

    public StopOTelEnrichmentResponse stopOTelEnrichment(StopOTelEnrichmentRequest r) {
        set(false);
        return StopOTelEnrichmentResponse.builder().build();
    }

    public GetOTelEnrichmentResponse getOTelEnrichment(GetOTelEnrichmentRequest r) {
        return GetOTelEnrichmentResponse.builder()
                .status(stores.current().otelEnrichment ? OTelEnrichmentStatus.RUNNING : OTelEnrichmentStatus.STOPPED)
                .build();
    }

    private void set(boolean running) {
        CloudWatchStore store = stores.current();
        synchronized (store.alarms) {
            store.otelEnrichment = running;
        }
    }
}
