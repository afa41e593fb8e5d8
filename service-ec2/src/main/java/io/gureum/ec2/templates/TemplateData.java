package io.gureum.ec2.templates;

import io.gureum.core.protocol.Pojos;
import io.gureum.ec2.regional.ShapeCopy;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.ec2.model.RequestLaunchTemplateData;
import software.amazon.awssdk.services.ec2.model.ResponseLaunchTemplateData;

/**
 * Launch template data in its two shapes. The request shapes ({@code …Request}) and the response shapes
 * of launch template data have the same member names, so one is copied into the other by name
 * ({@link ShapeCopy}) rather than by a hand-written mapping of some hundred members.
 */
final class TemplateData {
    private TemplateData() {
    }

    static ResponseLaunchTemplateData toResponse(RequestLaunchTemplateData data) {
        return (ResponseLaunchTemplateData) ShapeCopy.copy(data, (SdkPojo) ResponseLaunchTemplateData.builder());
    }

    /**
     * A new version's data built on a source version: the members the new data gives replace the source's
     * whole (a list such as BlockDeviceMappings is replaced, not merged); the others are inherited
     * (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/create-launch-template-version.html). Snapshots of
     * inherited block device mappings are dropped: they are "ignored when creating a new version unless
     * they are explicitly included" (API_CreateLaunchTemplateVersion.html, SourceVersion).
     */
    static RequestLaunchTemplateData merge(RequestLaunchTemplateData source, RequestLaunchTemplateData changes) {
        SdkPojo builder = (SdkPojo) withoutSnapshots(source).toBuilder();
        for (SdkField<?> f : changes.sdkFields()) {
            Object v = Pojos.valueOf(f, changes);
            if (v != null) {
                Pojos.set(f, builder, v);
            }
        }
        return (RequestLaunchTemplateData) Pojos.build(builder);
    }

    private static RequestLaunchTemplateData withoutSnapshots(RequestLaunchTemplateData data) {
        if (!data.hasBlockDeviceMappings()) {
            return data;
        }
        return data.toBuilder().blockDeviceMappings(data.blockDeviceMappings().stream()
                .map(m -> m.ebs() == null || m.ebs().snapshotId() == null ? m
                        : m.toBuilder().ebs(m.ebs().toBuilder().snapshotId(null).build()).build())
                .toList()).build();
    }
}
