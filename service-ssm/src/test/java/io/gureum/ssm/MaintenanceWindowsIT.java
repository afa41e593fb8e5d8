package io.gureum.ssm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.ssm.model.CreateMaintenanceWindowRequest;
import software.amazon.awssdk.services.ssm.model.DoesNotExistException;
import software.amazon.awssdk.services.ssm.model.IdempotentParameterMismatchException;
import software.amazon.awssdk.services.ssm.model.MaintenanceWindowIdentity;
import software.amazon.awssdk.services.ssm.model.MaintenanceWindowResourceType;
import software.amazon.awssdk.services.ssm.model.MaintenanceWindowTaskType;
import software.amazon.awssdk.services.ssm.model.ResourceTypeForTagging;
import software.amazon.awssdk.services.ssm.model.Tag;
import software.amazon.awssdk.services.ssm.model.TargetInUseException;
import software.amazon.awssdk.services.ssm.model.ValidationException;

/** Maintenance windows, their targets and tasks, their schedule, through the SDK. */
class MaintenanceWindowsIT extends SsmTestSupport {

    static String window(String name) {
        return ssm.createMaintenanceWindow(b -> b.name(name).schedule("cron(0 2 ? * SUN *)").duration(3).cutoff(1)
                .allowUnassociatedTargets(false)).windowId();
    }

    @Test
    void createGetUpdateDescribeAndDeleteAWindow() {
        String id = ssm.createMaintenanceWindow(b -> b.name(unique("mw")).description("patching")
                .schedule("cron(0 2 ? * SUN *)").scheduleTimezone("America/Los_Angeles").scheduleOffset(2)
                .duration(4).cutoff(1).allowUnassociatedTargets(true).tags(t -> t.key("env").value("dev")))
                .windowId();
        assertTrue(id.matches("mw-[0-9a-f]{17}"), id);
        var w = ssm.getMaintenanceWindow(b -> b.windowId(id));
        assertEquals("patching", w.description());
        assertEquals("America/Los_Angeles", w.scheduleTimezone());
        assertEquals(2, w.scheduleOffset());
        assertEquals(4, w.duration());
        assertEquals(1, w.cutoff());
        assertTrue(w.allowUnassociatedTargets());
        assertTrue(w.enabled());
        assertNotNull(w.createdDate());
        // Sunday 02:00 in Los Angeles, two days later: a Tuesday at 02:00 local.
        ZonedDateTime next = ZonedDateTime.parse(w.nextExecutionTime());
        assertEquals(java.time.DayOfWeek.TUESDAY, next.withZoneSameInstant(java.time.ZoneId.of("America/Los_Angeles"))
                .getDayOfWeek());
        assertEquals(2, next.withZoneSameInstant(java.time.ZoneId.of("America/Los_Angeles")).getHour());
        assertEquals(Map.of("env", "dev"), ssm.listTagsForResource(b -> b
                .resourceType(ResourceTypeForTagging.MAINTENANCE_WINDOW).resourceId(id)).tagList().stream()
                .collect(Collectors.toMap(Tag::key, Tag::value)));
        io.gureum.core.ids.Arn arn = io.gureum.core.ids.Arn.parse("arn:aws:ssm:us-east-1:000000000000:maintenancewindow/"
                + id);
        assertEquals(Map.of("env", "dev"), gureum.context().registry().tags(arn), "the tags are in core's registry");

        var updated = ssm.updateMaintenanceWindow(b -> b.windowId(id).enabled(false).duration(6));
        assertFalse(updated.enabled());
        assertEquals(6, updated.duration());
        assertEquals("patching", updated.description(), "fields not given are kept");
        assertNull(ssm.getMaintenanceWindow(b -> b.windowId(id)).nextExecutionTime(), "a disabled window has no next run");

        var replaced = ssm.updateMaintenanceWindow(b -> b.windowId(id).replace(true).name(w.name())
                .schedule("rate(2 hours)").duration(2).cutoff(0).allowUnassociatedTargets(false));
        assertNull(replaced.description(), "Replace clears optional fields not given");
        assertNull(replaced.scheduleOffset());
        assertError(ValidationException.class, "ValidationException", 400, null,
                () -> ssm.updateMaintenanceWindow(b -> b.windowId(id).replace(true).name("x-name")));

        List<MaintenanceWindowIdentity> named = ssm.describeMaintenanceWindows(b -> b.filters(f -> f.key("Name")
                .values(w.name()))).windowIdentities();
        assertEquals(1, named.size());
        assertEquals(id, named.get(0).windowId());
        assertEquals("rate(2 hours)", named.get(0).schedule());

        assertEquals(id, ssm.deleteMaintenanceWindow(b -> b.windowId(id)).windowId());
        assertError(DoesNotExistException.class, "DoesNotExistException", 400, null,
                () -> ssm.getMaintenanceWindow(b -> b.windowId(id)));
        assertTrue(gureum.context().registry().byArn(arn).isEmpty(), "deleting a window unregisters it");
    }

    @Test
    void invalidWindowsAreRefused() {
        assertError(ValidationException.class, "ValidationException", 400, null,
                () -> ssm.createMaintenanceWindow(b -> b.name("bad-cutoff").schedule("rate(1 day)").duration(2)
                        .cutoff(2).allowUnassociatedTargets(false)));
        assertError(ValidationException.class, "ValidationException", 400, null,
                () -> ssm.createMaintenanceWindow(b -> b.name("bad-cron").schedule("cron(0 2 * * * *)").duration(2)
                        .cutoff(0).allowUnassociatedTargets(false)));
        assertError(ValidationException.class, "ValidationException", 400, null,
                () -> ssm.createMaintenanceWindow(b -> b.name("bad-offset").schedule("rate(1 day)").scheduleOffset(1)
                        .duration(2).cutoff(0).allowUnassociatedTargets(false)));
        assertError(ValidationException.class, "ValidationException", 400, null,
                () -> ssm.createMaintenanceWindow(b -> b.name("bad-zone").schedule("rate(1 day)")
                        .scheduleTimezone("Mars/Olympus").duration(2).cutoff(0).allowUnassociatedTargets(false)));
        assertError(ValidationException.class, "ValidationException", 400, null,
                () -> ssm.createMaintenanceWindow(b -> b.name("too-long").schedule("rate(1 day)").duration(25)
                        .cutoff(0).allowUnassociatedTargets(false)));
        assertError(ValidationException.class, "ValidationException", 400, null,
                () -> ssm.createMaintenanceWindow(b -> b.name("ended").schedule("rate(1 day)").duration(2).cutoff(0)
                        .endDate("2001-01-01T00:00:00Z").allowUnassociatedTargets(false)));
    }

    @Test
    void aClientTokenMakesCreateIdempotent() {
        String name = unique("idem");
        CreateMaintenanceWindowRequest request = CreateMaintenanceWindowRequest.builder().name(name)
                .schedule("rate(1 day)").duration(2).cutoff(0).allowUnassociatedTargets(false).clientToken("tok-1")
                .build();
        String first = ssm.createMaintenanceWindow(request).windowId();
        assertEquals(first, ssm.createMaintenanceWindow(request).windowId());
        assertError(IdempotentParameterMismatchException.class, "IdempotentParameterMismatch", 400, null,
                () -> ssm.createMaintenanceWindow(request.toBuilder().duration(3).build()));
    }

    @Test
    void describeMaintenanceWindowsPages() {
        String prefix = unique("page");
        for (int i = 0; i < 12; i++) {
            window(prefix + "-" + i);
        }
        var first = ssm.describeMaintenanceWindows(b -> b.maxResults(10));
        assertEquals(10, first.windowIdentities().size());
        assertNotNull(first.nextToken());
        var rest = ssm.describeMaintenanceWindows(b -> b.maxResults(10).nextToken(first.nextToken()));
        assertFalse(rest.windowIdentities().isEmpty());
        assertTrue(rest.windowIdentities().stream().noneMatch(w -> first.windowIdentities().contains(w)));
        assertEquals(0, ssm.describeMaintenanceWindows(b -> b.filters(f -> f.key("Enabled").values("false")))
                .windowIdentities().stream().filter(w -> w.name().startsWith(prefix)).count());
        List<String> mine = ssm.describeMaintenanceWindowsPaginator(b -> b.maxResults(10)).windowIdentities()
                .stream().filter(w -> w.name().startsWith(prefix)).map(MaintenanceWindowIdentity::windowId).toList();
        assertEquals(12, mine.size(), "the paginator walks every page");
        mine.forEach(id -> ssm.deleteMaintenanceWindow(b -> b.windowId(id)));
    }

    @Test
    void targetsAreRegisteredUpdatedDescribedAndDeregistered() {
        String id = window(unique("targets"));
        String target = ssm.registerTargetWithMaintenanceWindow(b -> b.windowId(id)
                .resourceType(MaintenanceWindowResourceType.INSTANCE).ownerInformation("team-a").name("web")
                .targets(t -> t.key("InstanceIds").values("i-0123456789abcdef0"))).windowTargetId();
        String group = ssm.registerTargetWithMaintenanceWindow(b -> b.windowId(id)
                .resourceType(MaintenanceWindowResourceType.RESOURCE_GROUP)
                .targets(t -> t.key("resource-groups:Name").values("fleet"))).windowTargetId();
        assertError(ValidationException.class, "ValidationException", 400, null,
                () -> ssm.registerTargetWithMaintenanceWindow(b -> b.windowId(id)
                        .resourceType(MaintenanceWindowResourceType.RESOURCE_GROUP)
                        .targets(t -> t.key("InstanceIds").values("i-0123456789abcdef0"))));
        assertError(DoesNotExistException.class, "DoesNotExistException", 400, null,
                () -> ssm.registerTargetWithMaintenanceWindow(b -> b.windowId("mw-0123456789abcdef0")
                        .resourceType(MaintenanceWindowResourceType.INSTANCE)
                        .targets(t -> t.key("tag:env").values("dev"))));

        var updated = ssm.updateMaintenanceWindowTarget(b -> b.windowId(id).windowTargetId(target)
                .targets(t -> t.key("tag:env").values("prod")).description("prod nodes"));
        assertEquals("tag:env", updated.targets().get(0).key());
        assertEquals("team-a", updated.ownerInformation());
        assertEquals("prod nodes", updated.description());

        var described = ssm.describeMaintenanceWindowTargets(b -> b.windowId(id)).targets();
        assertEquals(List.of(target, group), described.stream().map(t -> t.windowTargetId()).toList());
        assertEquals(List.of(group), ssm.describeMaintenanceWindowTargets(b -> b.windowId(id)
                .filters(f -> f.key("Type").values("RESOURCE_GROUP"))).targets().stream()
                .map(t -> t.windowTargetId()).toList());

        var forTarget = ssm.describeMaintenanceWindowsForTarget(b -> b.resourceType(MaintenanceWindowResourceType.INSTANCE)
                .targets(t -> t.key("tag:env").values("prod"))).windowIdentities();
        assertEquals(List.of(id), forTarget.stream().map(w -> w.windowId()).toList());

        String task = ssm.registerTaskWithMaintenanceWindow(b -> b.windowId(id).taskType(MaintenanceWindowTaskType.LAMBDA)
                .taskArn("fn").targets(t -> t.key("WindowTargetIds").values(target))).windowTaskId();
        assertError(TargetInUseException.class, "TargetInUseException", 400, null,
                () -> ssm.deregisterTargetFromMaintenanceWindow(b -> b.windowId(id).windowTargetId(target).safe(true)));
        ssm.deregisterTargetFromMaintenanceWindow(b -> b.windowId(id).windowTargetId(target));
        assertTrue(ssm.getMaintenanceWindowTask(b -> b.windowId(id).windowTaskId(task)).targets().isEmpty(),
                "an unsafe deregistration removes the target from its tasks");
        assertError(DoesNotExistException.class, "DoesNotExistException", 400, null,
                () -> ssm.deregisterTargetFromMaintenanceWindow(b -> b.windowId(id).windowTargetId(target)));
        ssm.deleteMaintenanceWindow(b -> b.windowId(id));
    }

    @Test
    void tasksAreRegisteredReadUpdatedDescribedAndDeregistered() {
        String id = window(unique("tasks"));
        String target = ssm.registerTargetWithMaintenanceWindow(b -> b.windowId(id)
                .resourceType(MaintenanceWindowResourceType.INSTANCE)
                .targets(t -> t.key("InstanceIds").values("i-0123456789abcdef0"))).windowTargetId();
        String run = ssm.registerTaskWithMaintenanceWindow(b -> b.windowId(id).taskType(MaintenanceWindowTaskType.RUN_COMMAND)
                .taskArn("AWS-RunShellScript").priority(2).maxConcurrency("1").maxErrors("0").name("shell")
                .targets(t -> t.key("WindowTargetIds").values(target))
                .taskInvocationParameters(p -> p.runCommand(c -> c.parameters(Map.of("commands", List.of("uptime"))))))
                .windowTaskId();
        String lambda = ssm.registerTaskWithMaintenanceWindow(b -> b.windowId(id).taskType(MaintenanceWindowTaskType.LAMBDA)
                .taskArn("arn:aws:lambda:us-east-1:000000000000:function:fn").priority(1)
                .taskInvocationParameters(p -> p.lambda(l -> l.qualifier("live")
                        .payload(SdkBytes.fromUtf8String("{\"a\":1}"))))).windowTaskId();
        var got = ssm.getMaintenanceWindowTask(b -> b.windowId(id).windowTaskId(run));
        assertEquals("AWS-RunShellScript", got.taskArn());
        assertEquals(2, got.priority());
        assertEquals("CONTINUE_TASK", got.cutoffBehaviorAsString());
        assertEquals(List.of("uptime"), got.taskInvocationParameters().runCommand().parameters().get("commands"));
        assertEquals("live", ssm.getMaintenanceWindowTask(b -> b.windowId(id).windowTaskId(lambda))
                .taskInvocationParameters().lambda().qualifier());

        assertError(ValidationException.class, "ValidationException", 400, null,
                () -> ssm.registerTaskWithMaintenanceWindow(b -> b.windowId(id)
                        .taskType(MaintenanceWindowTaskType.RUN_COMMAND).taskArn("AWS-RunShellScript")));
        assertError(ValidationException.class, "ValidationException", 400, null,
                () -> ssm.registerTaskWithMaintenanceWindow(b -> b.windowId(id).taskType(MaintenanceWindowTaskType.LAMBDA)
                        .taskArn("fn").taskInvocationParameters(p -> p.automation(a -> a.documentVersion("1")))));
        assertError(DoesNotExistException.class, "DoesNotExistException", 400, null,
                () -> ssm.registerTaskWithMaintenanceWindow(b -> b.windowId(id).taskType(MaintenanceWindowTaskType.LAMBDA)
                        .taskArn("fn").targets(t -> t.key("WindowTargetIds")
                                .values("11111111-2222-3333-4444-555555555555"))));

        var updated = ssm.updateMaintenanceWindowTask(b -> b.windowId(id).windowTaskId(run).priority(5)
                .cutoffBehavior("CANCEL_TASK"));
        assertEquals(5, updated.priority());
        assertEquals("CANCEL_TASK", updated.cutoffBehaviorAsString());
        assertEquals("shell", updated.name());

        var tasks = ssm.describeMaintenanceWindowTasks(b -> b.windowId(id)).tasks();
        assertEquals(2, tasks.size());
        assertEquals(List.of(lambda), ssm.describeMaintenanceWindowTasks(b -> b.windowId(id)
                .filters(f -> f.key("TaskType").values("LAMBDA"))).tasks().stream().map(t -> t.windowTaskId()).toList());

        assertEquals(run, ssm.deregisterTaskFromMaintenanceWindow(b -> b.windowId(id).windowTaskId(run)).windowTaskId());
        assertError(DoesNotExistException.class, "DoesNotExistException", 400, null,
                () -> ssm.getMaintenanceWindowTask(b -> b.windowId(id).windowTaskId(run)));
        ssm.deleteMaintenanceWindow(b -> b.windowId(id));
    }

    @Test
    void theScheduleListsTheNextRunsFromTheClock() {
        Instant now = gureum.context().clock().now();
        String start = now.plus(java.time.Duration.ofDays(1)).atZone(ZoneOffset.UTC).withHour(0).withMinute(0)
                .withSecond(0).withNano(0).toInstant().toString();
        String id = ssm.createMaintenanceWindow(b -> b.name(unique("sched")).schedule("rate(6 hours)")
                .startDate(start).duration(1).cutoff(0).allowUnassociatedTargets(true)).windowId();
        var runs = ssm.describeMaintenanceWindowSchedule(b -> b.windowId(id).maxResults(3));
        List<String> times = runs.scheduledWindowExecutions().stream().map(s -> s.executionTime()).toList();
        Instant first = Instant.parse(start);
        assertEquals(List.of(first, first.plus(java.time.Duration.ofHours(6)), first.plus(java.time.Duration.ofHours(12))),
                times.stream().map(t -> ZonedDateTime.parse(t).toInstant()).toList());
        assertNotNull(runs.nextToken());
        var more = ssm.describeMaintenanceWindowSchedule(b -> b.windowId(id).maxResults(1).nextToken(runs.nextToken()));
        assertEquals(first.plus(java.time.Duration.ofHours(18)),
                ZonedDateTime.parse(more.scheduledWindowExecutions().get(0).executionTime()).toInstant());
        ssm.deleteMaintenanceWindow(b -> b.windowId(id));
    }
}
