package io.gureum.cloudformation.resource.scheduler;

import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Served;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.GetScheduleGroupResponse;
import software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException;
import software.amazon.awssdk.services.scheduler.model.Tag;

/**
 * {@code AWS::Scheduler::ScheduleGroup}. {@code Ref} is the group name (generated when {@code Name} is absent);
 * {@code Fn::GetAtt} gives {@code Arn}, {@code CreationDate}, {@code LastModificationDate} and {@code State}.
 * {@code Name} replaces it; {@code Tags} change in place. Deleting a group deletes its schedules, as
 * DeleteScheduleGroup does.
 */
public final class ScheduleGroupHandler implements ResourceHandler {
    private static final Set<String> SERVED = Set.of("Name", "Tags");

    @Override
    public String type() {
        return "AWS::Scheduler::ScheduleGroup";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("Name");
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        String name = r.has("Name") ? r.text("Name") : r.generatedName(64);
        r.client(SchedulerClient.class).createScheduleGroup(b -> b.name(name).tags(tags(r.tagsWithTemplate("Tags"))));
        return attributes(r, name);
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        SchedulerClient scheduler = r.client(SchedulerClient.class);
        String arn = scheduler.getScheduleGroup(b -> b.name(r.physicalId())).arn();
        Map<String, String> now = r.tagsWithTemplate("Tags");
        List<String> removed = new ArrayList<>();
        scheduler.listTagsForResource(b -> b.resourceArn(arn)).tags().forEach(t -> {
            if (!now.containsKey(t.key())) {
                removed.add(t.key());
            }
        });
        if (!removed.isEmpty()) {
            scheduler.untagResource(b -> b.resourceArn(arn).tagKeys(removed));
        }
        scheduler.tagResource(b -> b.resourceArn(arn).tags(tags(now)));
        return attributes(r, r.physicalId());
    }

    private static Created attributes(ResourceRequest r, String name) {
        GetScheduleGroupResponse g = r.client(SchedulerClient.class).getScheduleGroup(b -> b.name(name));
        return Created.of(name).attribute("Arn", g.arn()).attribute("CreationDate", text(g.creationDate()))
                .attribute("LastModificationDate", text(g.lastModificationDate()))
                .attribute("State", g.stateAsString());
    }

    private static String text(Instant t) {
        return t == null ? null : t.toString();
    }

    @Override
    public void delete(ResourceRequest r) {
        try {
            r.client(SchedulerClient.class).deleteScheduleGroup(b -> b.name(r.physicalId()));
        } catch (ResourceNotFoundException gone) {
            // Already deleted.
        }
    }

    private static List<Tag> tags(Map<String, String> map) {
        List<Tag> tags = new ArrayList<>();
        map.forEach((k, v) -> tags.add(Tag.builder().key(k).value(v).build()));
        return tags;
    }

    @Override
    public boolean readable() {
        return true;
    }

    @Override
    public com.fasterxml.jackson.databind.JsonNode read(ResourceRequest r) {
        GetScheduleGroupResponse g;
        try {
            g = r.client(SchedulerClient.class).getScheduleGroup(b -> b.name(r.physicalId()));
        } catch (ResourceNotFoundException gone) {
            return null;
        }
        return new io.gureum.cloudformation.resource.common.Drift(r).put("Name", g.name()).result();
    }
}
