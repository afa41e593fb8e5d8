package io.gureum.ec2.images;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.core.state.ResourceRegistry;
import io.gureum.ec2.compute.Compute;
import io.gureum.ec2.compute.PlaceFamily;
import io.gureum.ec2.compute.PlaceRecords;
import io.gureum.ec2.compute.RegionImages;
import io.gureum.ec2.ebs.Snapshot;
import io.gureum.ec2common.persist.RecordSink;
import io.gureum.ec2common.persist.ResourceRecord;

/**
 * The records of the AMIs and EBS snapshots an account owns in a region (with their launch and
 * create-volume permissions and tags); the public catalogue is not recorded, it is made again at start.
 */
public final class ImageRecords implements PlaceFamily {
    static final String IMAGE = "image";
    static final String SNAPSHOT = "snapshot";

    private final Compute compute;

    public ImageRecords(Compute compute) {
        this.compute = compute;
    }

    @Override
    public void each(String account, String region, RecordSink sink) {
        RegionImages images = compute.images(region);
        for (Image i : images.images()) {
            if (i.ownerId.equals(account)) {
                sink.accept(IMAGE, i.id, ResourceRecord.of(i, i.tags));
            }
        }
        for (Snapshot snap : images.snapshots()) {
            if (snap.ownerId.equals(account)) {
                sink.accept(SNAPSHOT, snap.id, ResourceRecord.of(snap, snap.tags));
            }
        }
    }

    @Override
    public void restore(String account, String region, PlaceRecords in) {
        RegionImages images = compute.images(region);
        ResourceRegistry registry = compute.ctx.registry();
        for (JsonNode json : in.inOrder(IMAGE, "creationDate")) {
            Image i = ResourceRecord.resource(json, Image.class);
            if (ResourceRecord.registered(json)) {
                i.tags.attach(registry, account, region, IMAGE, i.id);
            }
            images.put(i);
        }
        for (JsonNode json : in.inOrder(SNAPSHOT, "startTime")) {
            Snapshot snap = ResourceRecord.resource(json, Snapshot.class);
            if (ResourceRecord.registered(json)) {
                snap.tags.attach(registry, account, region, SNAPSHOT, snap.id);
            }
            images.put(snap);
        }
    }
}
