package io.gureum.ec2.compute;

import io.gureum.core.ids.ResourceIds;
import io.gureum.ec2.ebs.Snapshot;
import io.gureum.ec2.images.Image;
import io.gureum.ec2.images.PublicImages;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The AMIs and EBS snapshots of one region, every account's: launch and create-volume permissions
 * let other accounts of the region use them. Starts with the public catalogue of the region
 * ({@link PublicImages}). Guarded by its own monitor (held briefly inside a store lock, never the
 * reverse).
 */
public final class RegionImages {
    public final String region;
    private final Map<String, Image> images = new LinkedHashMap<>();
    private final Map<String, Snapshot> snapshots = new LinkedHashMap<>();

    RegionImages(String region, ResourceIds ids) {
        this.region = region;
        for (Image i : PublicImages.of(region)) {
            images.put(i.id, i);
        }
    }

    public synchronized Image image(String id) {
        return images.get(id);
    }

    public synchronized Collection<Image> images() {
        return java.util.List.copyOf(images.values());
    }

    public synchronized void put(Image image) {
        images.put(image.id, image);
    }

    public synchronized void remove(String id) {
        images.remove(id);
    }

    public synchronized Snapshot snapshot(String id) {
        return snapshots.get(id);
    }

    public synchronized Collection<Snapshot> snapshots() {
        return java.util.List.copyOf(snapshots.values());
    }

    public synchronized void put(Snapshot snapshot) {
        snapshots.put(snapshot.id, snapshot);
    }

    public synchronized void removeSnapshot(String id) {
        snapshots.remove(id);
    }
}
