package io.gureum.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.scheduler.model.GetScheduleGroupResponse;
import software.amazon.awssdk.services.scheduler.model.ListScheduleGroupsResponse;
import software.amazon.awssdk.services.scheduler.model.ScheduleGroupState;
import software.amazon.awssdk.services.scheduler.model.ScheduleGroupSummary;
import software.amazon.awssdk.services.scheduler.model.Tag;

class ScheduleGroupsIT extends SchedulerTestSupport {

    @Test
    void theDefaultGroupExistsAndCannotBeDeleted() {
        GetScheduleGroupResponse g = scheduler.getScheduleGroup(b -> b.name("default"));
        assertEquals("default", g.name());
        assertEquals(ScheduleGroupState.ACTIVE, g.state());
        assertTrue(g.arn().endsWith(":000000000000:schedule-group/default"), g.arn());
        fails(400, "ValidationException", () -> scheduler.deleteScheduleGroup(b -> b.name("default")));
        fails(409, "ConflictException", () -> scheduler.createScheduleGroup(b -> b.name("default")));
    }

    @Test
    void createGetAndDelete() {
        String name = unique("grp");
        String arn = scheduler.createScheduleGroup(b -> b.name(name)).scheduleGroupArn();
        assertTrue(arn.startsWith("arn:aws:scheduler:us-east-1:000000000000:schedule-group/" + name), arn);
        GetScheduleGroupResponse g = scheduler.getScheduleGroup(b -> b.name(name));
        assertEquals(arn, g.arn());
        assertNotNull(g.creationDate());
        fails(409, "ConflictException", () -> scheduler.createScheduleGroup(b -> b.name(name)));
        scheduler.deleteScheduleGroup(b -> b.name(name));
        fails(404, "ResourceNotFoundException", () -> scheduler.getScheduleGroup(b -> b.name(name)));
        fails(404, "ResourceNotFoundException", () -> scheduler.deleteScheduleGroup(b -> b.name(name)));
    }

    @Test
    void deletingAGroupDeletesItsSchedules() {
        String group = unique("grp");
        scheduler.createScheduleGroup(b -> b.name(group));
        scheduler.createSchedule(schedule("s1", "rate(1 day)", "arn:aws:sqs:us-east-1:000000000000:nowhere")
                .groupName(group).build());
        assertEquals(1, scheduler.listSchedules(b -> b.groupName(group)).schedules().size());
        scheduler.deleteScheduleGroup(b -> b.name(group));
        scheduler.createScheduleGroup(b -> b.name(group));
        assertEquals(0, scheduler.listSchedules(b -> b.groupName(group)).schedules().size());
        fails(404, "ResourceNotFoundException", () -> scheduler.getSchedule(b -> b.name("s1").groupName(group)));
    }

    @Test
    void aRepeatedClientTokenAnswersTheFirstCallAgain() {
        String name = unique("grp");
        String first = scheduler.createScheduleGroup(b -> b.name(name).clientToken("tok-" + name)).scheduleGroupArn();
        String again = scheduler.createScheduleGroup(b -> b.name(name).clientToken("tok-" + name)).scheduleGroupArn();
        assertEquals(first, again);
        fails(409, "ConflictException",
                () -> scheduler.createScheduleGroup(b -> b.name(name + "x").clientToken("tok-" + name)));
    }

    @Test
    void listFiltersByPrefixAndPages() {
        String prefix = unique("lst");
        for (int i = 0; i < 5; i++) {
            int n = i;
            scheduler.createScheduleGroup(b -> b.name(prefix + "-" + n));
        }
        ListScheduleGroupsResponse first = scheduler.listScheduleGroups(b -> b.namePrefix(prefix).maxResults(2));
        assertEquals(List.of(prefix + "-0", prefix + "-1"), names(first.scheduleGroups()));
        assertNotNull(first.nextToken());
        ListScheduleGroupsResponse second =
                scheduler.listScheduleGroups(b -> b.namePrefix(prefix).maxResults(2).nextToken(first.nextToken()));
        assertEquals(List.of(prefix + "-2", prefix + "-3"), names(second.scheduleGroups()));
        ListScheduleGroupsResponse last =
                scheduler.listScheduleGroups(b -> b.namePrefix(prefix).maxResults(2).nextToken(second.nextToken()));
        assertEquals(List.of(prefix + "-4"), names(last.scheduleGroups()));
        assertNull(last.nextToken());
        fails(400, "ValidationException", () -> scheduler.listScheduleGroups(b -> b.nextToken("garbage!")));
        fails(400, "ValidationException", () -> scheduler.listScheduleGroups(b -> b.maxResults(0)));
    }

    @Test
    void tagsOnGroups() {
        String name = unique("tag");
        String arn = scheduler.createScheduleGroup(b -> b.name(name).tags(Tag.builder().key("team").value("a").build()))
                .scheduleGroupArn();
        scheduler.tagResource(b -> b.resourceArn(arn).tags(Tag.builder().key("env").value("dev").build()));
        assertEquals(Map.of("team", "a", "env", "dev"), tags(arn));
        scheduler.untagResource(b -> b.resourceArn(arn).tagKeys("team"));
        assertEquals(Map.of("env", "dev"), tags(arn));
        fails(404, "ResourceNotFoundException", () -> scheduler.listTagsForResource(
                b -> b.resourceArn("arn:aws:scheduler:us-east-1:000000000000:schedule-group/missing")));
    }

    private static Map<String, String> tags(String arn) {
        return scheduler.listTagsForResource(b -> b.resourceArn(arn)).tags().stream()
                .collect(Collectors.toMap(Tag::key, Tag::value));
    }

    private static List<String> names(List<ScheduleGroupSummary> groups) {
        return groups.stream().map(ScheduleGroupSummary::name).toList();
    }
}
