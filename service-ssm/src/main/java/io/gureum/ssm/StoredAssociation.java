package io.gureum.ssm;

import io.gureum.core.ids.Arn;
import io.gureum.core.state.RegisteredTags;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A State Manager association of the caller's account: its versions (each UpdateAssociation makes the next,
 * numbered from 1), the status an {@code UpdateAssociationStatus} last set (legacy InstanceId associations),
 * and its tags, kept in core's registry. Guarded by the module's lock.
 */
final class StoredAssociation {
    /** A target: {@code InstanceIds}, {@code tag:<key>}, {@code tag-key}, {@code resource-groups:Name} … */
    record Target(String key, List<String> values) {
    }

    /** Where command output goes ({@code OutputLocation.S3Location}). */
    record Output(String region, String bucket, String prefix) {
    }

    /** What one version of the association says. */
    record Settings(long version, Instant created, String name, String documentVersion, String instanceId,
            Map<String, List<String>> parameters, List<Target> targets, String schedule, Output output,
            String associationName, String automationTargetParameterName, String maxErrors, String maxConcurrency,
            String complianceSeverity, String syncCompliance, Boolean applyOnlyAtCronInterval,
            List<String> calendarNames, Integer scheduleOffset, Integer duration) {
    }

    /** The {@code AssociationStatus} a caller (normally SSM Agent) set with UpdateAssociationStatus. */
    record Status(Instant date, String name, String message, String additionalInfo) {
    }

    final String id;
    final Arn arn;
    final Instant created;
    final NavigableMap<Long, Settings> versions = new TreeMap<>();
    Status status;
    final RegisteredTags tags = new RegisteredTags();
    /** Bumped by every change, so the records know to write the association again. */
    int revision;

    StoredAssociation(String id, Arn arn, Instant created) {
        this.id = id;
        this.arn = arn;
        this.created = created;
    }

    Settings latest() {
        return versions.lastEntry().getValue();
    }
}
