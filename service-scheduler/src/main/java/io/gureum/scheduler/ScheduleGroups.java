package io.gureum.scheduler;

import io.gureum.core.ids.Arn;
import io.gureum.core.protocol.PageTokens;
import io.gureum.core.protocol.RequestContext;
import io.gureum.core.spi.ServiceContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.scheduler.model.CreateScheduleGroupRequest;
import software.amazon.awssdk.services.scheduler.model.CreateScheduleGroupResponse;
import software.amazon.awssdk.services.scheduler.model.DeleteScheduleGroupRequest;
import software.amazon.awssdk.services.scheduler.model.DeleteScheduleGroupResponse;
import software.amazon.awssdk.services.scheduler.model.GetScheduleGroupRequest;
import software.amazon.awssdk.services.scheduler.model.GetScheduleGroupResponse;
import software.amazon.awssdk.services.scheduler.model.ListScheduleGroupsRequest;
import software.amazon.awssdk.services.scheduler.model.ListScheduleGroupsResponse;
import software.amazon.awssdk.services.scheduler.model.ListTagsForResourceRequest;
import software.amazon.awssdk.services.scheduler.model.ListTagsForResourceResponse;
import software.amazon.awssdk.services.scheduler.model.ScheduleGroupState;
import software.amazon.awssdk.services.scheduler.model.ScheduleGroupSummary;
import software.amazon.awssdk.services.scheduler.model.Tag;
import software.amazon.awssdk.services.scheduler.model.TagResourceRequest;
import software.amazon.awssdk.services.scheduler.model.TagResourceResponse;
import software.amazon.awssdk.services.scheduler.model.UntagResourceRequest;
import software.amazon.awssdk.services.scheduler.model.UntagResourceResponse;

/**
 * Schedule groups and their tags. Every account and region has the group {@code default}, which cannot be
 * deleted; deleting another group deletes its schedules. AWS shows a deleted group as {@code DELETING} for
 * a while; Gureum deletes it at once.
 */
public final class ScheduleGroups {
    private static final int DEFAULT_PAGE = 100;

    private final SchedulerState state;
    private final ServiceContext context;

    ScheduleGroups(SchedulerState state, ServiceContext context) {
        this.state = state;
        this.context = context;
    }

    public CreateScheduleGroupResponse createScheduleGroup(CreateScheduleGroupRequest r) {
        SchedulerState.Place place = place();
        return Idempotency.run(place.tokens, "CreateScheduleGroup", r.clientToken(), r, () -> {
            if (place.groups.containsKey(r.name())) {
                throw SchedulerErrors.groupExists(r.name());
            }
            Instant now = context.clock().now();
            ScheduleGroup g = new ScheduleGroup(r.name(), place.groupArn(r.name()), now, now);
            place.groups.put(r.name(), g);
            context.registry().register(place.account, place.region, "scheduler", "schedule-group/" + r.name(),
                    Arn.parse(g.arn()), tags(r.tags()));
            return CreateScheduleGroupResponse.builder().scheduleGroupArn(g.arn()).build();
        });
    }

    public GetScheduleGroupResponse getScheduleGroup(GetScheduleGroupRequest r) {
        ScheduleGroup g = group(place(), r.name());
        return GetScheduleGroupResponse.builder().name(g.name()).arn(g.arn()).state(ScheduleGroupState.ACTIVE)
                .creationDate(g.created()).lastModificationDate(g.modified()).build();
    }

    public ListScheduleGroupsResponse listScheduleGroups(ListScheduleGroupsRequest r) {
        SchedulerState.Place place = place();
        String from = PageTokens.decode("schedule-groups", r.nextToken(),
                () -> SchedulerErrors.invalid("Invalid NextToken provided."));
        int limit = r.maxResults() != null ? r.maxResults() : DEFAULT_PAGE;
        List<ScheduleGroupSummary> page = new ArrayList<>();
        String next = null;
        for (ScheduleGroup g : place.groups.values()) {
            if ((from != null && g.name().compareTo(from) < 0)
                    || (r.namePrefix() != null && !g.name().startsWith(r.namePrefix()))) {
                continue;
            }
            if (page.size() == limit) {
                next = PageTokens.encode("schedule-groups", g.name());
                break;
            }
            page.add(ScheduleGroupSummary.builder().name(g.name()).arn(g.arn()).state(ScheduleGroupState.ACTIVE)
                    .creationDate(g.created()).lastModificationDate(g.modified()).build());
        }
        return ListScheduleGroupsResponse.builder().scheduleGroups(page).nextToken(next).build();
    }

    public DeleteScheduleGroupResponse deleteScheduleGroup(DeleteScheduleGroupRequest r) {
        SchedulerState.Place place = place();
        return Idempotency.run(place.tokens, "DeleteScheduleGroup", r.clientToken(), r, () -> {
            if (SchedulerState.DEFAULT_GROUP.equals(r.name())) {
                throw SchedulerErrors.invalid("You cannot delete the default group.");
            }
            ScheduleGroup g = group(place, r.name());
            place.groups.remove(g.name());
            place.schedules.values().removeIf(s -> s.group().equals(g.name()));
            context.registry().unregister(Arn.parse(g.arn()));
            return DeleteScheduleGroupResponse.builder().build();
        });
    }

    public TagResourceResponse tagResource(TagResourceRequest r) {
        ScheduleGroup g = groupByArn(r.resourceArn());
        context.registry().tag(Arn.parse(g.arn()), tags(r.tags()));
        return TagResourceResponse.builder().build();
    }

    public UntagResourceResponse untagResource(UntagResourceRequest r) {
        ScheduleGroup g = groupByArn(r.resourceArn());
        context.registry().untag(Arn.parse(g.arn()), r.tagKeys());
        return UntagResourceResponse.builder().build();
    }

    public ListTagsForResourceResponse listTagsForResource(ListTagsForResourceRequest r) {
        ScheduleGroup g = groupByArn(r.resourceArn());
        List<Tag> tags = new ArrayList<>();
        context.registry().tags(Arn.parse(g.arn()))
                .forEach((k, v) -> tags.add(Tag.builder().key(k).value(v).build()));
        return ListTagsForResourceResponse.builder().tags(tags).build();
    }

    /** The group a {@code schedule-group/<name>} ARN of the caller's account and region names. */
    private ScheduleGroup groupByArn(String arn) {
        SchedulerState.Place place = place();
        String prefix = place.groupArn("");
        if (!arn.startsWith(prefix)) {
            throw SchedulerErrors.noGroup(arn);
        }
        return group(place, arn.substring(prefix.length()));
    }

    private ScheduleGroup group(SchedulerState.Place place, String name) {
        ScheduleGroup g = place.groups.get(name);
        if (g == null) {
            throw SchedulerErrors.noGroup(name);
        }
        if (SchedulerState.DEFAULT_GROUP.equals(name) && context.registry().byArn(Arn.parse(g.arn())).isEmpty()) {
            context.registry().register(place.account, place.region, "scheduler", "schedule-group/" + name,
                    Arn.parse(g.arn()));
        }
        return g;
    }

    private static Map<String, String> tags(List<Tag> tags) {
        Map<String, String> map = new LinkedHashMap<>();
        if (tags != null) {
            tags.forEach(t -> map.put(t.key(), t.value()));
        }
        return map;
    }

    private SchedulerState.Place place() {
        RequestContext ctx = RequestContext.current();
        return state.place(ctx.accountId(), ctx.region());
    }
}
