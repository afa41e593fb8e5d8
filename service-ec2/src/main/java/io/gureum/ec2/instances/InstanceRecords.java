package io.gureum.ec2.instances;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.core.state.ResourceRegistry;
import io.gureum.ec2.compute.Compute;
import io.gureum.ec2.compute.ComputeStore;
import io.gureum.ec2.compute.PlaceFamily;
import io.gureum.ec2.compute.PlaceRecords;
import io.gureum.ec2.ebs.Volume;
import io.gureum.ec2common.persist.RecordSink;
import io.gureum.ec2common.persist.ResourceRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;

/**
 * The records of a place's {@link ComputeStore}: instances (state, the time it was entered, IMDS settings,
 * attachments, tags), volumes, and the account's EBS defaults and RunInstances client tokens. At restore an
 * instance still pending, stopping or shutting down gets its timer again (its state-change event comes when
 * due), and a terminated one its hour of being described.
 */
final class InstanceRecords implements PlaceFamily {
    static final String INSTANCE = "instance";
    static final String VOLUME = "volume";
    static final String SETTINGS = "compute-settings";

    /** What a place keeps besides its resources. */
    static final class Settings {
        public boolean ebsEncryptionByDefault;
        public String ebsDefaultKmsKeyId;
        /** Null in records written before block public access for snapshots was served: unblocked. */
        public String snapshotBlockPublicAccess;
        public Map<String, String> clientTokens = new LinkedHashMap<>();
        public Map<String, RunInstancesRequest> clientTokenRequests = new LinkedHashMap<>();
    }

    private final Compute compute;
    private final InstanceStateEvents stateEvents;

    InstanceRecords(Compute compute, InstanceStateEvents stateEvents) {
        this.compute = compute;
        this.stateEvents = stateEvents;
    }

    @Override
    public void each(String account, String region, RecordSink sink) {
        ComputeStore s = compute.store(account, region);
        for (Instance i : s.instances.values()) {
            sink.accept(INSTANCE, i.id, ResourceRecord.of(i, i.tags));
        }
        for (Volume v : s.volumes.values()) {
            sink.accept(VOLUME, v.id, ResourceRecord.of(v, v.tags));
        }
        if (s.ebsEncryptionByDefault || s.ebsDefaultKmsKeyId != null || !s.clientTokens.isEmpty()
                || !s.snapshotBlockPublicAccess.equals("unblocked")) {
            Settings settings = new Settings();
            settings.ebsEncryptionByDefault = s.ebsEncryptionByDefault;
            settings.ebsDefaultKmsKeyId = s.ebsDefaultKmsKeyId;
            settings.snapshotBlockPublicAccess = s.snapshotBlockPublicAccess;
            settings.clientTokens.putAll(new java.util.TreeMap<>(s.clientTokens));
            settings.clientTokenRequests.putAll(new java.util.TreeMap<>(s.clientTokenRequests));
            sink.accept(SETTINGS, SETTINGS, settings);
        }
    }

    @Override
    public void restore(String account, String region, PlaceRecords in) {
        ComputeStore s = compute.store(account, region);
        ResourceRegistry registry = compute.ctx.registry();
        List<Instance> terminated = new ArrayList<>();
        for (JsonNode json : in.inOrder(INSTANCE, "launchTime")) {
            Instance i = ResourceRecord.resource(json, Instance.class);
            i.stateListener = stateEvents.listener(s);
            if (ResourceRecord.registered(json)) {
                i.tags.attach(registry, account, region, INSTANCE, i.id);
            }
            s.instances.put(i.id, i);
            compute.indexInstance(i.id, s);
            if (i.shutdownAt != null) {
                terminated.add(i);
            }
            stateEvents.rearm(s, i);
        }
        terminated.sort(Comparator.comparing(i -> i.shutdownAt));
        s.terminated.addAll(terminated);
        for (JsonNode json : in.inOrder(VOLUME, "createTime")) {
            Volume v = ResourceRecord.resource(json, Volume.class);
            if (ResourceRecord.registered(json)) {
                v.tags.attach(registry, account, region, VOLUME, v.id);
            }
            s.volumes.put(v.id, v);
        }
        JsonNode kept = in.of(SETTINGS).get(SETTINGS);
        if (kept != null) {
            Settings settings = io.gureum.ec2common.persist.FieldJson.read(kept, Settings.class);
            s.ebsEncryptionByDefault = settings.ebsEncryptionByDefault;
            s.ebsDefaultKmsKeyId = settings.ebsDefaultKmsKeyId;
            if (settings.snapshotBlockPublicAccess != null) {
                s.snapshotBlockPublicAccess = settings.snapshotBlockPublicAccess;
            }
            s.clientTokens.putAll(settings.clientTokens);
            s.clientTokenRequests.putAll(settings.clientTokenRequests);
        }
    }
}
