package io.gureum.cloudformation.resource.events;

import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Json;
import io.gureum.cloudformation.resource.common.Served;
import java.util.Set;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.ResourceNotFoundException;

/**
 * {@code AWS::Events::Archive}. {@code Ref} is the archive name (generated when {@code ArchiveName} is
 * absent); {@code Fn::GetAtt} gives {@code Arn}. {@code ArchiveName} and {@code SourceArn} replace it; the
 * description, pattern (an object or its JSON text) and retention change in place with UpdateArchive.
 */
public final class ArchiveHandler implements ResourceHandler {
    private static final Set<String> SERVED = Set.of("ArchiveName", "Description", "EventPattern", "RetentionDays",
            "SourceArn");

    @Override
    public String type() {
        return "AWS::Events::Archive";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("ArchiveName", "SourceArn");
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        String name = r.has("ArchiveName") ? r.text("ArchiveName") : r.generatedName(48);
        String arn = r.client(EventBridgeClient.class).createArchive(b -> b.archiveName(name)
                .eventSourceArn(r.requiredText("SourceArn")).description(r.text("Description"))
                .eventPattern(Json.document(r.property("EventPattern"))).retentionDays(r.integer("RetentionDays")))
                .archiveArn();
        return Created.of(name).attribute("Arn", arn);
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        String arn = r.client(EventBridgeClient.class).updateArchive(b -> b.archiveName(r.physicalId())
                .description(r.text("Description")).eventPattern(Json.document(r.property("EventPattern")))
                .retentionDays(r.integer("RetentionDays"))).archiveArn();
        return Created.of(r.physicalId()).attribute("Arn", arn);
    }

    @Override
    public void delete(ResourceRequest r) {
        try {
            r.client(EventBridgeClient.class).deleteArchive(b -> b.archiveName(r.physicalId()));
        } catch (ResourceNotFoundException gone) {
            // Already deleted.
        }
    }
}
