package io.gureum.ec2.templates;

import java.time.Instant;
import software.amazon.awssdk.services.ec2.model.RequestLaunchTemplateData;

/** One version of a launch template: immutable once created. */
record TemplateVersion(long number, String description, Instant created, String createdBy,
        RequestLaunchTemplateData data) {
}
