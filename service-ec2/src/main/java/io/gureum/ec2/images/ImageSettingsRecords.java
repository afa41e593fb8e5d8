package io.gureum.ec2.images;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.ec2.compute.Compute;
import io.gureum.ec2.compute.ComputeStore;
import io.gureum.ec2.compute.PlaceFamily;
import io.gureum.ec2.compute.PlaceRecords;
import io.gureum.ec2.ebs.FastRestore;
import io.gureum.ec2common.persist.FieldJson;
import io.gureum.ec2common.persist.RecordSink;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The records of a place's AMI and EBS account settings that have no resource of their own: block public
 * access for AMIs, the Allowed AMIs settings and the fast snapshot restores the account enabled (one record,
 * written only once something differs from the defaults).
 */
public final class ImageSettingsRecords implements PlaceFamily {
    static final String KIND = "image-settings";

    /** What is kept. */
    static final class Settings {
        public String imageBlockPublicAccess;
        public String allowedImagesState;
        public List<ImageCriterion> imageCriteria = new ArrayList<>();
        public Map<String, FastRestore> fastSnapshotRestores = new LinkedHashMap<>();
    }

    private final Compute compute;

    public ImageSettingsRecords(Compute compute) {
        this.compute = compute;
    }

    @Override
    public void each(String account, String region, RecordSink sink) {
        ComputeStore s = compute.store(account, region);
        if (s.imageBlockPublicAccess.equals("unblocked") && s.allowedImagesState.equals("disabled")
                && s.imageCriteria.isEmpty() && s.fastSnapshotRestores.isEmpty()) {
            return;
        }
        Settings settings = new Settings();
        settings.imageBlockPublicAccess = s.imageBlockPublicAccess;
        settings.allowedImagesState = s.allowedImagesState;
        settings.imageCriteria.addAll(s.imageCriteria);
        settings.fastSnapshotRestores.putAll(s.fastSnapshotRestores);
        sink.accept(KIND, KIND, settings);
    }

    @Override
    public void restore(String account, String region, PlaceRecords in) {
        JsonNode kept = in.of(KIND).get(KIND);
        if (kept == null) {
            return;
        }
        ComputeStore s = compute.store(account, region);
        Settings settings = FieldJson.read(kept, Settings.class);
        s.imageBlockPublicAccess = settings.imageBlockPublicAccess;
        s.allowedImagesState = settings.allowedImagesState;
        s.imageCriteria.addAll(settings.imageCriteria);
        s.fastSnapshotRestores.putAll(settings.fastSnapshotRestores);
    }
}
